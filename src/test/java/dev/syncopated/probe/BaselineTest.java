package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Baselines: what counts as a regression, and that a saved one reads back the same. */
class BaselineTest {
    static final Thresholds LOOSE = new Thresholds(1_000_000, null, null);
    static final Instant SAVED = Instant.parse("2026-11-30T20:00:00Z");

    /** A histogram run of one CPU whose samples sit at {@code typical} µs with one at {@code worst}. */
    static LatencyReport measured(int cpu, int typical, int worst) {
        long[] histogram = new long[worst + 1];
        histogram[typical] = 9_999;
        histogram[worst] += 1;
        ThreadLatency t = new ThreadLatency(cpu, 10_000, typical, typical, worst, histogram, 0);
        return LatencyReport.evaluate(Optional.of(new CyclictestRun("cyclictest --json", List.of(t))), Optional.empty(), LOOSE);
    }

    @Test
    void aFigureWorseByMoreThanTheToleranceIsARegressionNamingTheCpu() {
        Baseline base = Baseline.of("stage", measured(3, 20, 40), SAVED);

        LatencyReport judged = measured(3, 20, 60).comparedWith(base, 20);

        assertEquals(List.of("CPU 3: max 60 µs is 50 % worse than 40 µs (baseline of 2026-11-30T20:00:00Z, --baseline-tolerance 20 %)"),
                judged.violations());
        assertEquals(judged.violations(), judged.baseline().orElseThrow().regressions());
    }

    @Test
    void withinToleranceOrWithinFiveMicrosecondsIsNoRegression() {
        Baseline base = Baseline.of("stage", measured(0, 3, 8), SAVED);

        assertTrue(measured(0, 3, 9).comparedWith(base, 20).passed(), "12 % worse: within 20 %");
        assertTrue(measured(0, 6, 12).comparedWith(base, 10).passed(), "p99.9 3 -> 6 µs and max 8 -> 12 µs: jitter, not regressions");
        assertEquals(1, measured(0, 3, 14).comparedWith(base, 10).violations().size(), "max 8 -> 14 µs: 6 µs and 75 % worse");
    }

    @Test
    void theP999RegressesOnItsOwn() {
        Baseline base = Baseline.of("stage", measured(1, 10, 200), SAVED);

        LatencyReport judged = measured(1, 30, 200).comparedWith(base, 20);

        assertEquals(1, judged.violations().size(), judged.violations().toString());
        assertTrue(judged.violations().get(0).startsWith("CPU 1: p99.9 30 µs is 200 % worse than 10 µs"), judged.violations().toString());
    }

    @Test
    void aSavedBaselineReadsBackTheSame() {
        Baseline base = Baseline.of("stage", measured(2, 11, 77), SAVED);

        Baseline read = Baseline.parse(base.toJson(), "stage.json");

        assertEquals(base, read);
        assertEquals(Map.of(2, new Baseline.Figures(77, 11L)), read.cpus());
    }

    @Test
    void aFileThatIsNoBaselineIsAClearError() {
        ProbeInputException e = assertThrows(ProbeInputException.class, () -> Baseline.parse("{\"saved\": \"yesterday\"}", "x.json"));
        assertTrue(e.getMessage().startsWith("x.json is not a baseline saved by syncopated: "), e.getMessage());
    }

    @Test
    void aCorruptSavedBaselineIsReportedWithItsFile() throws Exception {
        Path state = Files.createTempDirectory("syncopated-baseline-");
        Path file = Baselines.in(state).file("stage");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not json");

        // Only --spec names hosts; a local run names this machine, so the corrupt file is read through the store itself.
        ProbeInputException e = assertThrows(ProbeInputException.class, () -> Baselines.in(state).load("stage"));

        assertTrue(e.getMessage().startsWith(file + " is not a baseline saved by syncopated"), e.getMessage());
        assertEquals(2, CliRun.of("probe", "latency", "--host", "stage").exitCode(), "--host alone is a usage error");
    }
}
