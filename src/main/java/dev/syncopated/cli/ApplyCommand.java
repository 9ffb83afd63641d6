package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.ansible.TaskOutcome;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--check", description = "Change nothing: report what would change (Ansible check mode).")
    boolean check;

    @Option(names = "--diff", description = "Show the changes made to files.")
    boolean diff;

    @Option(names = "--verify", description = "After applying, run again in check mode; fail (exit 1) if anything would still change.")
    boolean verify;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts (Ansible host patterns).")
    String limit;

    @Option(names = "--forks", paramLabel = "N", description = "Hosts configured at once (default: one per host, at most 50).")
    Integer forks;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop Ansible after this long (90s, 15m, 2h): SIGTERM, then SIGKILL after 10 s. Exit 130.")
    Duration timeout;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one summary object on stdout.")
    OutputFormat format;

    @Option(names = {"-K", "--ask-become-pass"},
            description = "Ask for the sudo password once; Ansible reads it from a private file removed after the run.")
    boolean askBecomePass;

    @Option(names = "--keep", defaultValue = "20", paramLabel = "N", description = "Run records to keep (default 20).")
    int keep;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Catalog catalog = Catalog.bundled();
        LoadedSpec loaded = SpecInput.requireValidLoad(file, catalog, err);
        Plan plan = SpecInput.limit(Planner.plan(loaded.spec().orElseThrow(), catalog), file, limit);
        Path ansiblePlaybook = RunSupport.requireTool("ansible-playbook");
        RunRecord record = RunSupport.startRecord(keep, "apply", spec.commandLine().getParseResult().originalArgs(), loaded);
        Path project = RunSupport.render(record, plan, catalog);
        boolean json = format == OutputFormat.json;
        Progress progress = json ? Progress.silent() : Progress.forTerminal(RunSupport.onTerminal(), err);
        if (!json) {
            err.println((check ? "checking " : "applying ") + file + " on " + plan.hosts().size()
                    + (plan.hosts().size() == 1 ? " host" : " hosts") + "; run record " + record.dir());
        }

        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            return run(out, err, plan, ansiblePlaybook, record, project, json, progress, password.file());
        }
    }

    private int run(PrintWriter out, PrintWriter err, Plan plan, Path ansiblePlaybook, RunRecord record, Path project,
                    boolean json, Progress progress, Path passwordFile) throws IOException {
        AnsibleRun.Outcome outcome = AnsibleRun.run(ansiblePlaybook, project, plan,
                new AnsibleRun.Options(check, diff, limit, forks, timeout, passwordFile), progress,
                record.path(RunRecord.EVENTS), record.path(RunRecord.STDOUT), record.path(RunRecord.STDERR));
        RunStatus status = outcome.status();
        List<TaskOutcome> notIdempotent = List.of();
        if (verify && !check && (status == RunStatus.OK || status == RunStatus.CHANGED)) {
            if (!json) {
                err.println("verifying: running again in check mode");
            }
            AnsibleRun.Outcome again = AnsibleRun.run(ansiblePlaybook, project, plan,
                    new AnsibleRun.Options(true, true, limit, forks, timeout, passwordFile), progress,
                    record.path("verify-" + RunRecord.EVENTS), record.path("verify-" + RunRecord.STDOUT),
                    record.path("verify-" + RunRecord.STDERR));
            notIdempotent = again.state().changes();
            if (again.status() == RunStatus.INTERRUPTED || again.status() == RunStatus.UNREACHABLE
                    || again.status() == RunStatus.FAILED) {
                status = again.status();
            } else if (!notIdempotent.isEmpty()) {
                status = RunStatus.FAILED;
            }
        }
        record.writeJson(RunRecord.SUMMARY, RunReport.summary(plan, outcome.state(), status, record.dir().toString()));

        if (json) {
            out.println(RunReport.summary(plan, outcome.state(), status, record.dir().toString()).toPrettyString());
        } else {
            report(out, err, plan, outcome, status, notIdempotent);
        }
        out.flush();
        return RunSupport.exitCode(status);
    }

    private void report(PrintWriter out, PrintWriter err, Plan plan, AnsibleRun.Outcome outcome, RunStatus status,
                        List<TaskOutcome> notIdempotent) {
        out.print(RunReport.recap(plan, outcome.state()));
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
        if (!outcome.state().finished() && status != RunStatus.INTERRUPTED) {
            err.println("syncopated: error: ansible-playbook stopped before its recap (exit " + outcome.process().exitCode()
                    + "): " + (outcome.stderrTail().isEmpty() ? "no message" : outcome.stderrTail()));
        }
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
