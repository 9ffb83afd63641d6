package dev.syncopated.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A measurement judged against thresholds: what cyclictest and jack_iodelay found, and every limit
 * exceeded, each naming the CPU and the figure. Either part may be absent. When a baseline was
 * compared, its regressions count as violations too.
 */
public record LatencyReport(Optional<CyclictestRun> cyclictest, Optional<IodelayLog> iodelay,
                            Thresholds thresholds, List<String> violations, Optional<Comparison> baseline) {

    /** The baseline a report was compared with, the tolerance, and what got worse. */
    public record Comparison(Baseline baseline, double tolerancePct, List<String> regressions) {
        public Comparison {
            regressions = List.copyOf(regressions);
        }
    }

    public LatencyReport {
        violations = List.copyOf(violations);
    }

    /** This report, also judged against {@code saved}: every regression is a violation. */
    public LatencyReport comparedWith(Baseline saved, double tolerancePct) {
        List<String> regressions = saved.regressions(this, tolerancePct);
        List<String> all = new ArrayList<>(violations);
        all.addAll(regressions);
        return new LatencyReport(cyclictest, iodelay, thresholds, all,
                Optional.of(new Comparison(saved, tolerancePct, regressions)));
    }

    public static LatencyReport evaluate(Optional<CyclictestRun> cyclictest, Optional<IodelayLog> iodelay, Thresholds limits) {
        List<String> violations = new ArrayList<>();
        cyclictest.ifPresent(run -> {
            for (ThreadLatency t : run.threads()) {
                if (t.max() > limits.maxLatencyUs()) {
                    violations.add("CPU " + t.cpu() + ": max " + t.max() + " µs exceeds --max-latency-us " + limits.maxLatencyUs());
                }
                if (limits.maxP999Us() != null) {
                    if (t.p999().isEmpty()) {
                        violations.add("CPU " + t.cpu() + ": p99.9 unknown, " + run.format()
                                + " has no histogram (run cyclictest with -h), so --max-p999-us cannot be checked");
                    } else if (t.p999().getAsLong() > limits.maxP999Us()) {
                        violations.add("CPU " + t.cpu() + ": p99.9 " + t.p999().getAsLong() + " µs exceeds --max-p999-us "
                                + limits.maxP999Us());
                    }
                }
            }
        });
        iodelay.ifPresent(log -> {
            Optional<IodelayReading> reading = log.result();
            if (reading.isEmpty()) {
                violations.add("jack_iodelay: no loop signal (" + log.belowThreshold()
                        + " times 'Signal below threshold...'): nothing was measured");
            } else if (limits.maxRoundtripMs() != null && reading.get().ms() > limits.maxRoundtripMs()) {
                violations.add("round trip " + String.format(Locale.ROOT, "%.3f", reading.get().ms())
                        + " ms exceeds --max-roundtrip-ms " + plain(limits.maxRoundtripMs()));
            }
        });
        return new LatencyReport(cyclictest, iodelay, limits, violations, Optional.empty());
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
