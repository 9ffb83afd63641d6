package dev.syncopated.cli;

import dev.syncopated.probe.CyclictestRun;
import dev.syncopated.probe.IodelayLog;
import dev.syncopated.probe.LatencyReport;
import dev.syncopated.probe.ProbeFiles;
import dev.syncopated.probe.ProbeInputException;
import dev.syncopated.run.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Analyse saved output: a cyclictest --json file, its -h/-H histogram or -q summary, and/or a jack_iodelay log.",
            "The format is recognised from the content. Exit code 1 when a threshold is exceeded.",
        })
final class ProbeReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE",
            description = "At most one cyclictest output and one jack_iodelay log.")
    List<Path> files;

    @Mixin
    ProbeResultOptions result;

    @Override
    public Integer call() {
        Optional<CyclictestRun> cyclictest = Optional.empty();
        Optional<IodelayLog> iodelay = Optional.empty();
        for (Path file : files) {
            ProbeFiles.Content content;
            try {
                content = ProbeFiles.read(file);
            } catch (ProbeInputException e) {
                throw UserError.usage(e.getMessage(), "");
            }
            if (content instanceof ProbeFiles.Cyclictest c) {
                if (cyclictest.isPresent()) {
                    throw UserError.usage(file + ": a second cyclictest output", "give one run at a time");
                }
                cyclictest = Optional.of(c.run());
            } else if (content instanceof ProbeFiles.Iodelay i) {
                if (iodelay.isPresent()) {
                    throw UserError.usage(file + ": a second jack_iodelay log", "give one log at a time");
                }
                iodelay = Optional.of(i.log());
            }
        }
        LatencyReport report = LatencyReport.evaluate(cyclictest, iodelay, result.thresholds());
        return result.emit(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
