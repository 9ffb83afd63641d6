package dev.syncopated.ansible;

import java.io.PrintWriter;

/** Shows a run while it goes on: a live line per host on a terminal, plain lines elsewhere (CI, cron, pipes). */
public interface Progress {

    void event(AnsibleEvent event, RunState state);

    /** The run is over; clear whatever live display there is. */
    void finish(RunState state);

    static Progress forTerminal(boolean terminal, PrintWriter err) {
        return terminal ? new TerminalProgress(err) : new PlainProgress(err);
    }

    /** For commands whose output must stay clean (--format json): nothing is shown while the run goes on. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void event(AnsibleEvent event, RunState state) {
            }

            @Override
            public void finish(RunState state) {
            }
        };
    }
}
