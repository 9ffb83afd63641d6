package dev.syncopated.ansible;

import java.io.PrintWriter;

/** One line per play and per task that changed, failed or could not reach its host; quiet about the rest. */
final class PlainProgress implements Progress {
    private final PrintWriter err;

    PlainProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void event(AnsibleEvent event, RunState state) {
        switch (event.type()) {
            case "play_start" -> err.println("play: " + event.json().path("play").asText());
            case "ok" -> {
                if (event.changed()) {
                    line("changed", event);
                }
            }
            case "failed" -> line(event.ignored() ? "failed (ignored)" : "FAILED", event);
            case "unreachable" -> line("UNREACHABLE", event);
            default -> { }
        }
        err.flush();
    }

    private void line(String what, AnsibleEvent event) {
        err.println("  " + event.host() + "  " + (event.role() == null ? "-" : event.role()) + "  " + what + ": " + event.task());
    }

    @Override
    public void finish(RunState state) {
        err.flush();
    }
}
