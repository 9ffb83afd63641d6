package dev.syncopated.cli;

import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.ansible.TaskOutcome;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.run.Runs;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
            "Validate, plan, render into a run record, and run ansible-playbook with live progress.",
            "Ends with a recap of host × role; every failure names its task, file:line and message.",
            "Exit codes: 1 a host failed, 4 a host was unreachable, 130 interrupted (Ctrl-C, SIGTERM, --timeout).",
        })
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--check", description = "Change nothing: report what would change (Ansible check mode).")
    boolean check;

    @Option(names = "--diff", description = "Show the changes made to files.")
    boolean diff;

    @Option(names = "--verify", description = "After applying, run again in check mode; fail (exit 1) if anything would still change.")
    boolean verify;

    @Option(names = "--forks", paramLabel = "N", description = "Hosts configured at once (default: one per host, at most 50).")
    Integer forks;

    @Option(names = "--background",
            description = {"Run Ansible out of the audio's way, as a fleet node's pull runs: nice 19, idle I/O, batch scheduling,",
                "and never on the CPUs that cpu_isolation of a connection: local host keeps for audio."})
    boolean background;

    @Option(names = {"-K", "--ask-become-pass"},
            description = "Ask for the sudo password once; Ansible reads it from a private file removed after the run.")
    boolean askBecomePass;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Runs runs = new Runs(Cli.environment(spec), Catalog.bundled());
        Runs.Prepared run = runs.prepare(options.request("apply", spec, plan -> plan).withBecomePassword(askBecomePass));
        if (!options.json()) {
            err.println((check ? "checking " : "applying ") + options.file + " on " + run.plan().hosts().size()
                    + (run.plan().hosts().size() == 1 ? " host" : " hosts") + "; run record " + run.record().dir());
        }
        Runs.Applied applied;
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            applied = runs.applyAndVerify(run, new Runs.ApplyOptions(check, diff, verify, forks, password.file(), background),
                    RunOutput.progress(spec, options.json()), () -> {
                        if (!options.json()) {
                            err.println("verifying: running again in check mode");
                        }
                    });
        }
        if (options.json()) {
            out.println(applied.run().summary().toPrettyString());
        } else {
            report(out, err, applied);
        }
        out.flush();
        return ExitCode.of(applied.run());
    }

    private void report(PrintWriter out, PrintWriter err, Runs.Applied applied) {
        Runs.Finished run = applied.run();
        out.print(RunReport.recap(run.prepared().plan(), run.outcome().state()));
        if (diff) {
            out.print(RunReport.diffs(run.outcome().state().changes()));
        }
        out.print(RunReport.failures(run.outcome().state()));
        if (!applied.notIdempotent().isEmpty()) {
            out.println("not idempotent: " + applied.notIdempotent().size() + " task(s) would change again:");
            for (TaskOutcome change : applied.notIdempotent()) {
                out.println("  " + change.host() + "  " + (change.role() == null ? "-" : change.role()) + "  task \""
                        + change.task() + "\" at " + change.where());
            }
            out.print(RunReport.diffs(applied.notIdempotent()));
        }
        out.flush(); // the recap first, then the one-line verdict on stderr below it
        RunOutput.earlyStop(err, run.outcome());
        RunStatus status = run.status();
        if (status == RunStatus.INTERRUPTED) {
            err.println("syncopated: interrupted: " + run.outcome().process().interruption() + "; Ansible was stopped");
        }
        err.println(switch (status) {
            case OK -> "ok: nothing " + (check ? "would change" : "changed");
            case CHANGED -> (check ? "would change: " : "changed: ") + run.outcome().state().changes().size() + " task(s)";
            case FAILED -> !applied.notIdempotent().isEmpty() ? "failed: not idempotent"
                    : run.stoppedByPreflight() ? "failed: a target lacks what the roles need (see above)"
                    : "failed: see the failures above";
            case UNREACHABLE -> "unreachable: " + run.outcome().state().hosts().values().stream()
                    .filter(h -> h.unreachable()).map(h -> h.name()).toList();
            case INTERRUPTED -> "interrupted";
        });
    }
}
