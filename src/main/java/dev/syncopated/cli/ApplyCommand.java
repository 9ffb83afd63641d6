package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.ansible.TaskOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = {"-K", "--ask-become-pass"},
            description = "Ask for the sudo password once; Ansible reads it from a private file removed after the run.")
    boolean askBecomePass;

    @Override
    public Integer call() throws IOException {
        RunSupport.Prepared run = RunSupport.prepare("apply", options, spec, plan -> plan);
        if (!options.json()) {
            spec.commandLine().getErr().println((check ? "checking " : "applying ") + options.file + " on "
                    + run.plan().hosts().size() + (run.plan().hosts().size() == 1 ? " host" : " hosts")
                    + "; run record " + run.record().dir());
        }
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            return apply(run, password.file());
        }
    }

    private int apply(RunSupport.Prepared run, Path passwordFile) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnsibleRun.Outcome outcome = RunSupport.run(run,
                new AnsibleRun.Options(check, diff, options.limit, forks, options.timeout, passwordFile), "");
        RunStatus status = outcome.status();
        List<TaskOutcome> notIdempotent = List.of();
        if (verify && !check && (status == RunStatus.OK || status == RunStatus.CHANGED)) {
            if (!options.json()) {
                err.println("verifying: running again in check mode");
            }
            AnsibleRun.Outcome again = RunSupport.run(run,
                    new AnsibleRun.Options(true, true, options.limit, forks, options.timeout, passwordFile), "verify-");
            notIdempotent = again.state().changes();
            if (again.status() == RunStatus.INTERRUPTED || again.status() == RunStatus.UNREACHABLE
                    || again.status() == RunStatus.FAILED) {
                status = again.status();
            } else if (!notIdempotent.isEmpty()) {
                status = RunStatus.FAILED;
            }
        }
        RunSupport.writeSummary(run, outcome.state(), status);
        if (options.json()) {
            out.println(RunReport.summary(run.plan(), outcome.state(), status, run.record().dir().toString()).toPrettyString());
        } else {
            report(out, err, run, outcome, status, notIdempotent);
        }
        out.flush();
        return RunSupport.exitCode(status);
    }

    private void report(PrintWriter out, PrintWriter err, RunSupport.Prepared run, AnsibleRun.Outcome outcome,
                        RunStatus status, List<TaskOutcome> notIdempotent) {
        out.print(RunReport.recap(run.plan(), outcome.state()));
        if (diff) {
            out.print(RunReport.diffs(outcome.state().changes()));
        }
        out.print(RunReport.failures(outcome.state()));
        if (!notIdempotent.isEmpty()) {
            out.println("not idempotent: " + notIdempotent.size() + " task(s) would change again:");
            for (TaskOutcome change : notIdempotent) {
                out.println("  " + change.host() + "  " + (change.role() == null ? "-" : change.role()) + "  task \""
                        + change.task() + "\" at " + change.where());
            }
            out.print(RunReport.diffs(notIdempotent));
        }
        out.flush(); // the recap first, then the one-line verdict on stderr below it
        RunSupport.reportEarlyStop(err, outcome);
        if (status == RunStatus.INTERRUPTED) {
            err.println("syncopated: interrupted: " + outcome.process().interruption() + "; Ansible was stopped");
        }
        err.println(switch (status) {
            case OK -> "ok: nothing " + (check ? "would change" : "changed");
            case CHANGED -> (check ? "would change: " : "changed: ") + outcome.state().changes().size() + " task(s)";
            case FAILED -> notIdempotent.isEmpty() ? "failed: see the failures above" : "failed: not idempotent";
            case UNREACHABLE -> "unreachable: " + outcome.state().hosts().values().stream()
                    .filter(h -> h.unreachable()).map(h -> h.name()).toList();
            case INTERRUPTED -> "interrupted";
        });
    }
}
