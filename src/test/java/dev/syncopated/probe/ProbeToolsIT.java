package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.env.Tools;
import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real tools: a ~3 s cyclictest run, and jack_iodelay against a jackd dummy server of our own.
 * Needs root, rt-tests and jackd2; skips with the reason elsewhere, fails when CI=true.
 */
class ProbeToolsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVER = "syncopated-it-" + ProcessHandle.current().pid();
    static final int PERIOD = 64;
    static Process jackd;

    static void requireRoot() {
        Prerequisites.require("root".equals(System.getProperty("user.name")), "cyclictest and jackd tests need root");
    }

    static void requireTool(String tool, String pkg) {
        Prerequisites.require(Tools.fromEnvironment().find(tool).isPresent(), tool + " is not installed (apt-get install " + pkg + ")");
    }

    @BeforeAll
    static void startJackd() throws Exception {
        if (!"root".equals(System.getProperty("user.name")) || Tools.fromEnvironment().find("jackd").isEmpty()) {
            return; // the jack tests skip (or fail in CI) with the reason
        }
        ProcessBuilder pb = new ProcessBuilder("jackd", "-n", SERVER, "-d", "dummy", "-r", "48000", "-p", Integer.toString(PERIOD))
                .redirectErrorStream(true).redirectOutput(new File("target/jackd-" + SERVER + ".log"));
        pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
        Files.createDirectories(Path.of("target"));
        jackd = pb.start();
        for (int i = 0; i < 100; i++) { // a test may wait like this; the product never polls
            ProcessBuilder lsp = new ProcessBuilder("jack_lsp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            lsp.environment().put("JACK_DEFAULT_SERVER", SERVER);
            lsp.environment().put("JACK_NO_START_SERVER", "1");
            Process p = lsp.start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("jackd " + SERVER + " did not come up; see target/jackd-" + SERVER + ".log");
    }

    @AfterAll
    static void stopJackd() throws InterruptedException {
        if (jackd != null) {
            jackd.destroy();
            if (!jackd.waitFor(10, TimeUnit.SECONDS)) {
                jackd.destroyForcibly();
            }
        }
    }

    @Test
    void cyclictestRunsForThreeSecondsWithTheExpectedSampleCount() throws Exception {
        requireRoot();
        requireTool("cyclictest", "rt-tests");

        CliRun run = CliRun.of("probe", "latency", "--duration", "3s", "--format", "json", "--max-latency-us", "1000000");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode threads = JSON.readTree(run.out()).get("cyclictest").get("threads");
        assertEquals(Runtime.getRuntime().availableProcessors(), threads.size(), run.out());
        long expected = 3_000_000 / 200; // duration / interval
        for (JsonNode t : threads) {
            long samples = t.get("samples").asLong();
            assertTrue(samples >= expected * 0.8 && samples <= expected * 1.01, "samples " + samples + " for " + expected + " expected");
            assertTrue(t.get("min_us").asLong() <= t.get("p99_us").asLong() && t.get("p99_us").asLong() <= t.get("p999_us").asLong()
                    && t.get("p999_us").asLong() <= t.get("max_us").asLong(), t.toString());
            assertTrue(t.get("overflows").isNumber(), t.toString());
        }
    }

    @Test
    void cyclictestOverTheLimitFailsNamingTheCpu() {
        requireRoot();
        requireTool("cyclictest", "rt-tests");

        CliRun run = CliRun.of("probe", "latency", "--duration", "1s", "--max-latency-us", "1");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("CPU 0: max "), run.out());
    }

    @Test
    void iodelayMeasuresTheSoftwareLoopAsOnePeriod() throws Exception {
        requireJack();

        CliRun run = CliRun.of("probe", "latency", "--iodelay-only", "--jack-server", SERVER, "--format", "json",
                "--max-roundtrip-ms", "2");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode iodelay = JSON.readTree(run.out()).get("iodelay");
        assertEquals(PERIOD, iodelay.get("frames").asDouble(), 0.5, run.out());
        assertEquals(PERIOD * 1000.0 / 48000, iodelay.get("ms").asDouble(), 0.01, run.out());
        assertTrue(Math.abs(iodelay.get("extra_frames").asLong() - PERIOD) <= 1, run.out());
        assertTrue(run.err().contains("measuring the round trip with jack_iodelay (software loop)"), run.err());
    }

    @Test
    void anOpenLoopEndsWithTheTimeoutErrorNotAHang() {
        requireJack();

        long start = System.nanoTime();
        CliRun run = CliRun.of("probe", "latency", "--iodelay-only", "--jack-server", SERVER,
                "--loop", "system:playback_1,system:capture_1", "--iodelay-timeout", "3s");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("syncopated: error: no loop signal within 3 s: jack_iodelay printed 'Signal below threshold...' "),
                run.err());
        assertTrue(run.err().contains("check the cable from system:playback_1 to system:capture_1"), run.err());
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(noJackIodelayLeft(), "jack_iodelay was stopped");
    }

    @Test
    void noServerIsAnEnvironmentError() {
        requireJack();

        CliRun run = CliRun.of("probe", "latency", "--iodelay-only", "--jack-server", SERVER + "-absent", "--iodelay-timeout", "3s");

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("jack_iodelay ended (exit 1) before measuring"), run.err());
    }

    static void requireJack() {
        requireRoot();
        requireTool("jackd", "jackd2");
        requireTool("jack_iodelay", "jackd2");
        Prerequisites.require(jackd != null && jackd.isAlive(), "the jackd dummy server did not start");
    }

    static boolean noJackIodelayLeft() {
        return ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("jack_iodelay"));
    }

}
