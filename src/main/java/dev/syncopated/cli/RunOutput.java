package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.Runs;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** How the commands that run Ansible show it: live progress, and after the run its failures and why it stopped early. */
final class RunOutput {
    private RunOutput() {}

    /** Progress lines on stderr for text output; nothing for JSON, whose one object goes to stdout. */
    static Progress progress(CommandSpec spec, boolean json) {
        return json ? Progress.silent() : Progress.forTerminal(onTerminal(Cli.environment(spec)), spec.commandLine().getErr());
    }

    /** The failures on stdout, then on stderr why Ansible stopped before its recap, if it did. */
    static void problems(PrintWriter out, PrintWriter err, Runs.Finished run) {
        out.print(RunReport.failures(run.outcome().state()));
        out.flush(); // the failures first, then the one-line verdict on stderr below them
        earlyStop(err, run.outcome());
    }

    /** When Ansible stopped before its recap, say why in one line, with what it printed last. */
    static void earlyStop(PrintWriter err, AnsibleRun.Outcome outcome) {
        if (!outcome.state().finished() && outcome.status() != RunStatus.INTERRUPTED) {
            err.println("syncopated: error: ansible-playbook stopped before its recap (exit " + outcome.process().exitCode()
                    + "): " + (outcome.stderrTail().isEmpty() ? "no message" : outcome.stderrTail()));
        }
    }

    /** Whether a person watches: a console, and a terminal that can redraw a line. */
    static boolean onTerminal(RunEnvironment env) {
        String term = env.variables().get("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }
}
