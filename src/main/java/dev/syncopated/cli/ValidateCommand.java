package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.report.DiagnosticFormat;
import dev.syncopated.report.DiagnosticPrinter;
import dev.syncopated.report.SpecReport;
import dev.syncopated.spec.LoadedSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check specs and report every problem at once, with file:line:column and a hint.",
            "Exit code 1 when any spec has an error.",
        })
final class ValidateCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ValidateCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files to check, each on its own.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default), json, github (workflow annotations) or junit (JUnit XML).")
    DiagnosticFormat format;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.bundled();
        List<SpecReport> reports = new ArrayList<>();
        for (Path file : files) {
            LoadedSpec loaded = Validation.validate(file, catalog);
            reports.add(new SpecReport(file.toString(), loaded.diagnostics().sorted(), loaded.sources()));
            LOG.debug("validated {}: {} files read, {} errors, {} hosts", file, loaded.sources().files().size(),
                    loaded.diagnostics().errorCount(), loaded.spec().map(s -> s.hosts().size()).orElse(0));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiagnosticPrinter.print(format, reports));
        out.flush();
        return reports.stream().allMatch(SpecReport::valid) ? ExitCode.OK : ExitCode.PROBLEMS;
    }
}
