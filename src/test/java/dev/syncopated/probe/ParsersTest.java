package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The parsers on real outputs captured on a Debian 12 VM (rt-tests 2.4, jackd2 1.9.21), and broken variants. */
class ParsersTest {
    static final Path DIR = Path.of("src/test/resources/probe");

    static CyclictestRun cyclictest(String name) {
        return assertInstanceOf(ProbeFiles.Cyclictest.class, ProbeFiles.read(DIR.resolve(name))).run();
    }

    static IodelayLog iodelay(String name) {
        return assertInstanceOf(ProbeFiles.Iodelay.class, ProbeFiles.read(DIR.resolve(name))).log();
    }

    @Test
    void jsonUsesCyclesMaxAndTheHistogramWithOverflowsBeyondItsRange() {
        CyclictestRun run = cyclictest("cyclictest-h400.json");

        assertEquals("cyclictest --json", run.format());
        assertEquals(2, run.threads().size());
        ThreadLatency cpu0 = run.threads().get(0);
        assertEquals(0, cpu0.cpu());
        assertEquals(14943, cpu0.samples());
        assertEquals(10, cpu0.min());
        assertEquals(23.45, cpu0.avg());
        assertEquals(639, cpu0.max(), "max comes from the max field: it lies beyond the 400 µs histogram");
        assertEquals(400, cpu0.histogram().length);
        assertEquals(6, cpu0.overflows());
        assertEquals(78, cpu0.p99().getAsLong());
        assertEquals(351, cpu0.p999().getAsLong());
        ThreadLatency cpu1 = run.threads().get(1);
        assertEquals(14974, cpu1.samples());
        assertEquals(0, cpu1.overflows());
        assertEquals(63, cpu1.p99().getAsLong());
        assertEquals(175, cpu1.p999().getAsLong());
        assertEquals(639, run.maxUs());
    }

    @Test
    void histogramTextFromTheSameRunAgreesWithItsJson() {
        CyclictestRun json = cyclictest("cyclictest-h400.json");
        CyclictestRun text = cyclictest("cyclictest-h400.txt");

        assertEquals("cyclictest -h histogram", text.format());
        for (int i = 0; i < 2; i++) {
            ThreadLatency j = json.threads().get(i);
            ThreadLatency t = text.threads().get(i);
            assertEquals(j.samples(), t.samples(), "total + overflows = cycles");
            assertEquals(j.max(), t.max());
            assertEquals(j.min(), t.min());
            assertEquals(j.overflows(), t.overflows());
            assertEquals(j.p99(), t.p99());
            assertEquals(j.p999(), t.p999());
        }
    }

    @Test
    void histogramWithAllColumnKeepsThreadsApart() {
        CyclictestRun run = cyclictest("cyclictest-H400.txt");

        assertEquals("cyclictest -H histogram", run.format());
        assertEquals(2, run.threads().size(), "the 'all' column of -H is not a thread");
        assertEquals(14827 + 10, run.threads().get(0).samples());
        assertEquals(5637, run.threads().get(0).max());
        assertEquals(1869, run.threads().get(1).max());
        assertEquals(12, run.threads().get(1).overflows());
        assertEquals(8, run.threads().get(1).min());
        assertEquals(21.0, run.threads().get(1).avg());
    }

    @Test
    void quietSummaryTakesTheTLines() {
        CyclictestRun run = cyclictest("cyclictest-summary.txt");

        assertEquals("cyclictest -q summary", run.format());
        assertEquals(List.of(14937L, 14910L), run.threads().stream().map(ThreadLatency::samples).toList());
        assertEquals(3349, run.maxUs());
        assertTrue(run.threads().get(0).p99().isEmpty(), "no histogram, no percentile");
        assertEquals(-1, run.threads().get(0).overflows());
    }

    @Test
    void liveScreenCaptureTakesTheLastRedrawOfEachThread() {
        CyclictestRun run = cyclictest("cyclictest-live.typescript");

        assertEquals("cyclictest screen capture", run.format());
        assertEquals(2, run.threads().size());
        assertEquals(14906, run.threads().get(0).samples());
        assertEquals(9, run.threads().get(0).min(), "not the 1000000 placeholder of the first redraw");
        assertEquals(3166, run.threads().get(0).max());
        assertEquals(14847, run.threads().get(1).samples());
        assertEquals(5737, run.threads().get(1).max());
    }

    @Test
    void iodelayLoopPicksTheLatestReliableReading() {
        IodelayLog log = iodelay("iodelay-loop-p64.txt");

        IodelayReading first = log.readings().get(0);
        assertTrue(first.unreliable() && first.inverted(), "the first reading is flagged ' ?? Inv'");
        IodelayReading result = log.result().orElseThrow();
        assertFalse(result.unreliable());
        assertEquals(64.0, result.frames());
        assertEquals(1.333, result.ms());
        assertTrue(result.extraFrames() == 63 || result.extraFrames() == 64, "jack_iodelay truncates 63.99x: " + result);
        assertEquals(result.extraFrames() / 2, result.useFrames());
        assertTrue(log.stable(4));
        assertEquals(2, log.belowThreshold());
    }

    @Test
    void iodelayAtPeriod256() {
        IodelayReading result = iodelay("iodelay-loop-p256.txt").result().orElseThrow();

        assertEquals(256.0, result.frames(), 0.01);
        assertEquals(5.333, result.ms());
    }

    @Test
    void iodelayWithoutALoopHasNoReading() {
        IodelayLog log = iodelay("iodelay-noloop.txt");

        assertTrue(log.result().isEmpty());
        assertEquals(7, log.belowThreshold());
        assertFalse(log.stable(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad-empty.txt|the file is empty; expected cyclictest --json=FILE",
        "bad-garbage.txt|not a recognised probe output; expected cyclictest --json=FILE, cyclictest -h/-H histogram output, "
                + "cyclictest -q summary (T: lines), a captured cyclictest screen, or a jack_iodelay log",
        "bad-truncated.json|cyclictest --json output is not valid JSON (truncated?)",
        "bad-truncated-histogram.txt|cyclictest histogram is truncated: no '# Total:' line after 198 rows",
        "bad-truncated-summary.txt|cyclictest summary line 3 is truncated or malformed: 'T: 1 (2'",
        "iodelay-truncated.txt|jack_iodelay log line 11 is malformed: '    64.000 fra'",
        "no-such-file.txt|no such file",
    })
    void brokenFilesGiveAClearMessageNamingTheFile(String name, String message) {
        ProbeInputException e = assertThrows(ProbeInputException.class, () -> ProbeFiles.read(DIR.resolve(name)));

        assertTrue(e.getMessage().startsWith(DIR.resolve(name) + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void jsonWithoutHistogramHasNoPercentiles() {
        String json = "{\"file_version\":1,\"cmdline:\":\"cyclictest -q\",\"num_threads\":1,"
                + "\"thread\":{\"0\":{\"histogram\":{},\"cycles\":100,\"min\":3,\"max\":9,\"avg\":4.5,\"cpu\":3,\"node\":-1}}}";

        ThreadLatency t = ((ProbeFiles.Cyclictest) ProbeFiles.parse(json)).run().threads().get(0);

        assertEquals(3, t.cpu());
        assertFalse(t.hasHistogram());
        assertTrue(t.p999().isEmpty());
    }

    @Test
    void percentileFallingAmongOverflowsIsTheMaximum() {
        long[] histogram = new long[10];
        histogram[5] = 990;
        ThreadLatency t = new ThreadLatency(0, 1000, 5, 6.0, 4000, histogram, 10);

        assertEquals(5, t.p99().getAsLong());
        assertEquals(4000, t.p999().getAsLong());
    }

    @Test
    void histogramOptionIsFoundInTheCommandLine() {
        assertEquals(400, CyclictestParser.histogramRange("cyclictest -m -S -p 90 -i 200 -h 400 -q"));
        assertEquals(50, CyclictestParser.histogramRange("cyclictest -H50 -q"));
        assertEquals(30, CyclictestParser.histogramRange("cyclictest --histogram=30"));
        assertEquals(0, CyclictestParser.histogramRange("cyclictest -q -D 3 --json=/tmp/h.json"));
    }
}
