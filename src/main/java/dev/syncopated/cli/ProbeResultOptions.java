package dev.syncopated.cli;

import dev.syncopated.files.AtomicFiles;
import dev.syncopated.probe.HistogramPlot;
import dev.syncopated.probe.LatencyReport;
import dev.syncopated.probe.ReportPrinter;
import dev.syncopated.probe.Thresholds;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Thresholds, output format and plot: shared by 'probe latency' and 'probe report'. */
final class ProbeResultOptions {
    @Option(names = "--max-latency-us", defaultValue = "100", paramLabel = "US",
            description = "Fail when any CPU's worst latency exceeds this (default: ${DEFAULT-VALUE} µs).")
    long maxLatencyUs;

    @Option(names = "--max-p999-us", paramLabel = "US",
            description = "Fail when any CPU's 99.9th percentile exceeds this (needs a histogram).")
    Long maxP999Us;

    @Option(names = "--max-roundtrip-ms", paramLabel = "MS",
            description = "Fail when the jack_iodelay round trip exceeds this.")
    Double maxRoundtripMs;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also write a latency histogram per CPU as SVG (log-scale counts, limits marked).")
    Path plot;

    Thresholds thresholds() {
        if (maxLatencyUs <= 0 || (maxP999Us != null && maxP999Us <= 0) || (maxRoundtripMs != null && maxRoundtripMs <= 0)) {
            throw UserError.usage("thresholds must be positive numbers", "for example --max-latency-us 100");
        }
        return new Thresholds(maxLatencyUs, maxP999Us, maxRoundtripMs);
    }

    /** Prints the report, writes the plot, and returns the exit code: 1 when a limit was exceeded. */
    int emit(LatencyReport report, PrintWriter out, PrintWriter err) {
        if (plot != null) {
            writePlot(plot, report, err);
        }
        out.print(format == OutputFormat.json ? ReportPrinter.json(report) : ReportPrinter.text(report));
        out.flush();
        return report.passed() ? ExitCode.OK : ExitCode.PROBLEMS;
    }

    /** Each host's report; with --plot, one picture per host beside the named file ({@code stage-HOST.svg}). */
    int emit(Map<String, LatencyReport> byHost, PrintWriter out, PrintWriter err) {
        if (plot != null) {
            String name = plot.getFileName().toString();
            String stem = name.endsWith(".svg") ? name.substring(0, name.length() - 4) : name;
            byHost.forEach((host, report) -> writePlot(plot.resolveSibling(stem + "-" + host + ".svg"), report, err));
        }
        out.print(format == OutputFormat.json ? ReportPrinter.json(byHost) : ReportPrinter.text(byHost));
        out.flush();
        return byHost.values().stream().allMatch(LatencyReport::passed) ? ExitCode.OK : ExitCode.PROBLEMS;
    }

    boolean json() {
        return format == OutputFormat.json;
    }

    private static void writePlot(Path file, LatencyReport report, PrintWriter err) {
        if (report.cyclictest().isEmpty()) {
            throw UserError.usage("--plot needs cyclictest output to draw", "give a cyclictest file as well");
        }
        try {
            AtomicFiles.write(file, HistogramPlot.svg(report));
        } catch (IOException e) {
            throw UserError.environment("cannot write " + file + ": " + e.getMessage(), "", e);
        }
        err.println("wrote " + file);
        err.flush();
    }
}
