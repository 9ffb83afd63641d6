package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.InfoPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {
            "Report what each planned role finds on each host, changing nothing.",
            "Every role runs in state info, in Ansible's check mode.",
            "--format json prints {\"hosts\":[{\"name\",\"roles\":[{\"role\",\"findings\"}]}]}.",
        })
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        Catalog catalog = Catalog.bundled();
        RunSupport.Prepared run = RunSupport.prepare("info", options, spec, plan -> InfoPlan.of(plan, catalog));
        AnsibleRun.Outcome outcome = RunSupport.run(run,
                new AnsibleRun.Options(true, false, options.limit, null, options.timeout), "");
        RunStatus status = outcome.status();
        RunSupport.writeSummary(run, outcome.state(), status);
        run.record().writeJson("findings.json", RunReport.findingsJson(run.plan(), outcome.state()));

        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(RunReport.findingsJson(run.plan(), outcome.state()).toPrettyString());
        } else {
            out.print(RunReport.findingsText(run.plan(), outcome.state()));
            out.print(RunReport.failures(outcome.state()));
            RunSupport.reportEarlyStop(spec.commandLine().getErr(), outcome);
        }
        out.flush();
        // info never changes anything, so "changed" here is a role's own check-mode noise, not an outcome.
        return RunSupport.exitCode(status == RunStatus.CHANGED ? RunStatus.OK : status);
    }
}
