package dev.syncopated.cli;

import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.InfoPlan;
import dev.syncopated.run.Runs;
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
        Runs runs = new Runs(Cli.environment(spec), catalog);
        Runs.Prepared prepared = runs.prepare(options.request("info", spec, plan -> InfoPlan.of(plan, catalog)));
        PrintWriter err = spec.commandLine().getErr();
        Runs.Finished run = runs.playOnce(prepared, prepared.options(true, false, null, null),
                RunOutput.progress(spec, options.json()));
        var findings = RunReport.findingsJson(prepared.plan(), run.outcome().state());
        prepared.record().writeJson("findings.json", findings);

        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(findings.toPrettyString());
        } else {
            out.print(RunReport.findingsText(prepared.plan(), run.outcome().state()));
            RunOutput.problems(out, err, run);
        }
        out.flush();
        // info never changes anything, so "changed" here is a role's own check-mode noise, not an outcome.
        return run.stoppedByPreflight() ? ExitCode.ENVIRONMENT
                : ExitCode.of(run.status() == RunStatus.CHANGED ? RunStatus.OK : run.status());
    }
}
