package dev.syncopated.ansible;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A live block on the terminal, one line per host: its current role and task, tasks done, changed
 * and failed so far. Redrawn in place at most ten times a second; failures also stay printed above.
 */
final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int MAX_LINES = 20;
    private final PrintWriter err;
    private int drawnLines;
    private long lastDraw;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void event(AnsibleEvent event, RunState state) {
        if ("failed".equals(event.type()) && !event.ignored() || "unreachable".equals(event.type())) {
            clear();
            err.println("\u001B[31m" + event.host() + "  " + (event.role() == null ? "-" : event.role()) + "  "
                    + event.type() + ": " + event.task() + "\u001B[0m");
            draw(state);
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            clear();
            draw(state);
            lastDraw = now;
        }
    }

    @Override
    public void finish(RunState state) {
        clear();
        err.flush();
    }

    private void draw(RunState state) {
        List<String> lines = new ArrayList<>();
        int width = state.hosts().keySet().stream().mapToInt(String::length).max().orElse(4);
        for (RunState.HostState host : state.hosts().values()) {
            if (lines.size() == MAX_LINES) {
                lines.add("… and " + (state.hosts().size() - MAX_LINES) + " more hosts");
                break;
            }
            Counts c = host.total();
            String doing = host.currentTask() == null ? "waiting"
                    : (host.currentRole() == null ? "" : host.currentRole() + ": ") + host.currentTask();
            String line = String.format("%-" + width + "s  %3d done  %3d changed  %2d failed  %s",
                    host.name(), c.done(), c.changed(), c.failed(), doing);
            lines.add(line.length() > 120 ? line.substring(0, 119) + "…" : line);
        }
        lines.forEach(err::println);
        drawnLines = lines.size();
        err.flush();
    }

    private void clear() {
        for (int i = 0; i < drawnLines; i++) {
            err.print("\u001B[1A\u001B[2K");
        }
        drawnLines = 0;
    }
}
