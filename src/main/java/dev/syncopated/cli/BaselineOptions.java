package dev.syncopated.cli;

import dev.syncopated.probe.Baseline;
import dev.syncopated.probe.Baselines;
import dev.syncopated.probe.LatencyReport;
import dev.syncopated.probe.ProbeInputException;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Saving a host's result as its baseline, and comparing later results with it. */
final class BaselineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--save-baseline",
            description = "Keep this result as the host's baseline (in the state directory) for later runs to compare with.")
    boolean save;

    @Option(names = "--baseline-tolerance", defaultValue = "20", paramLabel = "PCT",
            description = "A figure (max or p99.9 per CPU, round trip) this many percent worse than the baseline is a "
                    + "regression, exit 1; latencies within 5 µs never are (default: ${DEFAULT-VALUE}).")
    double tolerancePct;

    @Option(names = "--ignore-baseline", description = "Do not compare with the saved baseline.")
    boolean ignore;

    /** Saves {@code report} as {@code host}'s baseline, or compares it with the saved one; returns the judged report. */
    LatencyReport apply(String host, LatencyReport report, PrintWriter err) {
        if (tolerancePct < 0) {
            throw UserError.usage("--baseline-tolerance must not be negative", "for example --baseline-tolerance 20");
        }
        RunEnvironment env = Cli.environment(spec);
        Baselines baselines = Baselines.in(env.stateDir());
        try {
            if (save) {
                Path file = baselines.save(Baseline.of(host, report, env.clock().instant()));
                err.println("saved the baseline of " + host + ": " + file);
                err.flush();
                return report;
            }
            if (ignore) {
                return report;
            }
            Optional<Baseline> saved = baselines.load(host);
            return saved.map(b -> report.comparedWith(b, tolerancePct)).orElse(report);
        } catch (ProbeInputException e) {
            throw UserError.problems(e.getMessage(), "save a new one with --save-baseline, or remove the file");
        } catch (IOException e) {
            throw UserError.environment("cannot use the baseline of " + host + " in " + baselines.file(host)
                    + ": " + e.getMessage(), "check that the state directory is writable, or set XDG_STATE_HOME", e);
        }
    }
}
