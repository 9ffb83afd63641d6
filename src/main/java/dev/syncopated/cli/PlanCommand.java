package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.Plan;
import dev.syncopated.report.PlanPrinter;
import dev.syncopated.run.ValidSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Print which roles run in which state on each host, with their merged options.",
            "Roles run in the catalog's apply order; roles being removed run first, in reverse.",
        })
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format;

    @Option(names = "--limit", paramLabel = "PATTERN",
            description = "Only these hosts: Ansible host patterns such as 'tracker', 'recording:!tracker' or '~stage-.*'.")
    String limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Plan plan = ValidSpecs.plan(file, limit, Catalog.bundled());
        out.print(format == OutputFormat.json ? PlanPrinter.json(plan) : PlanPrinter.text(plan));
        out.flush();
        return ExitCode.OK;
    }
}
