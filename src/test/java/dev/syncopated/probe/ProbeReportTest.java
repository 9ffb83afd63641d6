package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** 'syncopated probe report' through the real parser, on real captured files. */
class ProbeReportTest {
    static final String R = "src/test/resources/probe/";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void tableNamesEveryCpuAndFailsOnTheDefaultLimit() {
        CliRun run = CliRun.of("probe", "report", R + "cyclictest-h400.json");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("   0      14,943     10    23.45     78    351     639         6  !"), run.out());
        assertTrue(run.out().contains("CPU 0: max 639 µs exceeds --max-latency-us 100"), run.out());
        assertTrue(run.out().contains("CPU 1: max 369 µs exceeds --max-latency-us 100"), run.out());
        assertTrue(run.out().contains("verdict: fail"), run.out());
    }

    @Test
    void passesUnderGenerousLimitsAndReportsTheRoundTrip() {
        CliRun run = CliRun.of("probe", "report", R + "cyclictest-h400.json", R + "iodelay-loop-p256.txt",
                "--max-latency-us", "1000", "--max-p999-us", "400", "--max-roundtrip-ms", "6");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("jack_iodelay: 256.000 frames, 5.333 ms round trip"), run.out());
        assertTrue(run.out().endsWith("verdict: pass\n"), run.out());
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("probe", "report", "--format", "json", R + "cyclictest-h400.txt", R + "iodelay-loop-p64.txt",
                "--max-p999-us", "300", "--max-roundtrip-ms", "1");

        assertEquals(1, run.exitCode(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(List.of("cyclictest", "iodelay", "verdict", "violations"), names(root));
        assertEquals(List.of("threads", "max_us"), names(root.get("cyclictest")));
        JsonNode cpu0 = root.get("cyclictest").get("threads").get(0);
        assertEquals(List.of("cpu", "samples", "min_us", "avg_us", "max_us", "p99_us", "p999_us", "overflows"), names(cpu0));
        assertEquals(14943, cpu0.get("samples").asLong());
        assertEquals(351, cpu0.get("p999_us").asLong());
        assertEquals(6, cpu0.get("overflows").asLong());
        assertEquals(639, root.get("cyclictest").get("max_us").asLong());
        assertEquals(List.of("frames", "ms", "extra_frames"), names(root.get("iodelay")));
        assertEquals(64.0, root.get("iodelay").get("frames").asDouble());
        assertEquals("fail", root.get("verdict").asText());
        assertEquals(List.of(
                "CPU 0: max 639 µs exceeds --max-latency-us 100",
                "CPU 0: p99.9 351 µs exceeds --max-p999-us 300",
                "CPU 1: max 369 µs exceeds --max-latency-us 100",
                "round trip 1.333 ms exceeds --max-roundtrip-ms 1"),
                JSON.convertValue(root.get("violations"), List.class));
    }

    @Test
    void summaryWithoutHistogramCannotProveAP999Limit() {
        CliRun run = CliRun.of("probe", "report", R + "cyclictest-summary.txt", "--max-latency-us", "5000", "--max-p999-us", "50");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("CPU 0: p99.9 unknown, cyclictest -q summary has no histogram"), run.out());
    }

    @Test
    void anIodelayLogWithoutSignalFails() {
        CliRun run = CliRun.of("probe", "report", R + "iodelay-noloop.txt");

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("jack_iodelay: no loop signal (7 times 'Signal below threshold...')"), run.out());
    }

    @Test
    void unreadableFilesAreOneLineUsageErrors() {
        for (String bad : new String[] {"bad-garbage.txt", "bad-empty.txt", "bad-truncated.json", "bad-truncated-histogram.txt"}) {
            CliRun run = CliRun.of("probe", "report", R + bad);

            assertEquals(2, run.exitCode(), bad);
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("syncopated: error: " + R + bad + ": "), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void twoCyclictestFilesAreRefused() {
        CliRun run = CliRun.of("probe", "report", R + "cyclictest-h400.json", R + "cyclictest-H400.txt");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("a second cyclictest output"), run.err());
    }

    @Test
    void plotIsWellFormedSvgWithTheLimitsMarkedAndWrittenAtomically() throws Exception {
        Path svg = tmp.resolve("plots/latency.svg");
        Files.createDirectories(svg.getParent());
        Files.writeString(svg, "old");

        CliRun run = CliRun.of("probe", "report", R + "cyclictest-H400.txt", "--max-p999-us", "200", "--plot", svg.toString());

        assertEquals(1, run.exitCode());
        String content = Files.readString(svg);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(content.contains(">limit 100 µs</text>"), "max-latency limit is marked");
        assertTrue(content.contains(">p99.9 limit 200 µs</text>"), "p99.9 limit is marked");
        assertTrue(content.contains(">CPU 0: FAIL — max 5637 µs &gt; 100 µs limit</text>"), content);
        assertTrue(content.contains(">CPU 1: FAIL"), content);
        assertTrue(content.contains(">samples (log)</text>") && content.contains(">latency (µs)</text>"));
        try (Stream<Path> files = Files.list(svg.getParent())) {
            assertEquals(List.of(svg), files.toList(), "no temporary file left behind");
        }
        CliRun again = CliRun.of("probe", "report", R + "cyclictest-H400.txt", "--max-p999-us", "200", "--plot", svg.toString());
        assertEquals(content, Files.readString(svg), "same input, same bytes");
        assertEquals(1, again.exitCode());
    }

    @Test
    void plotOfAnIodelayLogAloneIsRefused() {
        CliRun run = CliRun.of("probe", "report", R + "iodelay-loop-p64.txt", "--plot", tmp.resolve("x.svg").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--plot needs cyclictest output"), run.err());
    }

    static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
