package dev.syncopated.cli;

import dev.syncopated.ansible.StateDir;
import dev.syncopated.probe.Baseline;
import dev.syncopated.probe.Baselines;
import dev.syncopated.probe.LatencyReport;
import dev.syncopated.probe.ProbeInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Saving a host's result as its baseline, and comparing later results with it. */
final class BaselineOptions {
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
            throw new UserError(ExitCode.USAGE, "--baseline-tolerance must not be negative", "for example --baseline-tolerance 20");
        }
        Baselines baselines = Baselines.in(StateDir.fromEnvironment());
        try {
            if (save) {
                Path file = baselines.save(Baseline.of(host, report, Instant.now()));
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
            throw new UserError(ExitCode.PROBLEMS, e.getMessage(), "save a new one with --save-baseline, or remove the file");
        } catch (IOException e) {
            throw new UserError(ExitCode.ENVIRONMENT, "cannot use the baseline of " + host + " in " + baselines.file(host)
                    + ": " + e.getMessage(), "check that the state directory is writable, or set XDG_STATE_HOME", e);
        }
    }
}
