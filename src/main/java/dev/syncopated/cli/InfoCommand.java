package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.InfoPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {
            "Report what each planned role finds on each host, changing nothing.",
            "Every role runs in state info, in Ansible's check mode.",
        })
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts (Ansible host patterns).")
    String limit;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop Ansible after this long (90s, 15m, 2h). Exit 130.")
    Duration timeout;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: {\"hosts\":[{\"name\",\"roles\":[{\"role\",\"findings\"}]}]}.")
    OutputFormat format;

    @Option(names = "--keep", defaultValue = "20", paramLabel = "N", description = "Run records to keep (default 20).")
    int keep;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Catalog catalog = Catalog.bundled();
        LoadedSpec loaded = SpecInput.requireValidLoad(file, catalog, err);
        Plan plan = InfoPlan.of(SpecInput.limit(Planner.plan(loaded.spec().orElseThrow(), catalog), file, limit), catalog);
        Path ansiblePlaybook = RunSupport.requireTool("ansible-playbook");
        RunRecord record = RunSupport.startRecord(keep, "info", spec.commandLine().getParseResult().originalArgs(), loaded);
        Path project = RunSupport.render(record, plan, catalog);
        boolean json = format == OutputFormat.json;
        Progress progress = json ? Progress.silent() : Progress.forTerminal(RunSupport.onTerminal(), err);

        AnsibleRun.Outcome outcome = AnsibleRun.run(ansiblePlaybook, project, plan,
                new AnsibleRun.Options(true, false, limit, null, timeout), progress,
                record.path(RunRecord.EVENTS), record.path(RunRecord.STDOUT), record.path(RunRecord.STDERR));
        RunStatus status = outcome.status();
        record.writeJson(RunRecord.SUMMARY, RunReport.summary(plan, outcome.state(), status, record.dir().toString()));
        record.writeJson("findings.json", RunReport.findingsJson(plan, outcome.state()));
        if (json) {
            out.println(RunReport.findingsJson(plan, outcome.state()).toPrettyString());
        } else {
            out.print(RunReport.findingsText(plan, outcome.state()));
            out.print(RunReport.failures(outcome.state()));
            if (!outcome.state().finished() && status != RunStatus.INTERRUPTED) {
                err.println("syncopated: error: ansible-playbook stopped before its recap (exit "
                        + outcome.process().exitCode() + "): " + outcome.stderrTail());
            }
        }
        out.flush();
        // info never changes anything, so "changed" here is a role's own check-mode noise, not an outcome.
        return RunSupport.exitCode(status == RunStatus.CHANGED ? RunStatus.OK : status);
    }
}
