package dev.syncopated.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A host's latency figures as saved with {@code --save-baseline}, and the regressions of a later
 * measurement against them: after a kernel, PipeWire or firmware change, the same machine should
 * not get slower.
 *
 * @param cpus per CPU: the worst latency and, when the run kept a histogram, the 99.9th percentile (µs)
 * @param roundtripMs the jack_iodelay round trip, when one was measured
 */
public record Baseline(String host, Instant saved, Map<Integer, Figures> cpus, Double roundtripMs) {
    /** Differences this small are jitter, whatever the percentage: 3 → 5 µs is not a regression. */
    static final long SLACK_US = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param p999Us null when the run had no histogram */
    public record Figures(long maxUs, Long p999Us) {}

    public Baseline {
        cpus = Map.copyOf(cpus);
    }

    /** The figures of {@code report} worth comparing later. */
    public static Baseline of(String host, LatencyReport report, Instant now) {
        Map<Integer, Figures> cpus = new TreeMap<>();
        report.cyclictest().ifPresent(run -> run.threads().forEach(t -> cpus.put(t.cpu(),
                new Figures(t.max(), t.p999().isPresent() ? t.p999().getAsLong() : null))));
        Double roundtrip = report.iodelay().flatMap(IodelayLog::result).map(IodelayReading::ms).orElse(null);
        return new Baseline(host, now, cpus, roundtrip);
    }

    /**
     * Every figure of {@code report} worse than this baseline by more than {@code tolerancePct} percent
     * (and, for latencies, by more than {@value #SLACK_US} µs), one line each, naming the CPU.
     */
    public List<String> regressions(LatencyReport report, double tolerancePct) {
        List<String> found = new ArrayList<>();
        String against = " (baseline of " + saved + ", --baseline-tolerance " + LatencyReport.plain(tolerancePct) + " %)";
        report.cyclictest().ifPresent(run -> {
            for (ThreadLatency t : run.threads()) {
                Figures before = cpus.get(t.cpu());
                if (before == null) {
                    continue;
                }
                latency(found, t.cpu(), "max", t.max(), before.maxUs(), tolerancePct, against);
                OptionalLong p999 = t.p999();
                if (p999.isPresent() && before.p999Us() != null) {
                    latency(found, t.cpu(), "p99.9", p999.getAsLong(), before.p999Us(), tolerancePct, against);
                }
            }
        });
        Optional<IodelayReading> reading = report.iodelay().flatMap(IodelayLog::result);
        if (reading.isPresent() && roundtripMs != null && reading.get().ms() > roundtripMs * (1 + tolerancePct / 100)) {
            found.add(String.format(Locale.ROOT, "round trip %.3f ms is %s %% longer than %.3f ms", reading.get().ms(),
                    percent(reading.get().ms(), roundtripMs), roundtripMs) + against);
        }
        return found;
    }

    private static void latency(List<String> found, int cpu, String what, long now, long before, double tolerancePct,
                                String against) {
        if (now - before > SLACK_US && now > before * (1 + tolerancePct / 100)) {
            found.add("CPU " + cpu + ": " + what + " " + now + " µs is " + percent(now, before) + " % worse than "
                    + before + " µs" + against);
        }
    }

    private static String percent(double now, double before) {
        return before <= 0 ? "∞" : Long.toString(Math.round((now - before) * 100 / before));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("host", host);
        root.put("saved", saved.toString());
        ObjectNode byCpu = root.putObject("cpus");
        new TreeMap<>(cpus).forEach((cpu, f) -> {
            ObjectNode node = byCpu.putObject(Integer.toString(cpu));
            node.put("max_us", f.maxUs());
            if (f.p999Us() == null) {
                node.putNull("p999_us");
            } else {
                node.put("p999_us", f.p999Us());
            }
        });
        if (roundtripMs == null) {
            root.putNull("roundtrip_ms");
        } else {
            root.put("roundtrip_ms", roundtripMs);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a saved baseline; a file that is not one is a {@link ProbeInputException} naming it. */
    public static Baseline parse(String json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<Integer, Figures> cpus = new TreeMap<>();
            var fields = root.path("cpus").fields();
            while (fields.hasNext()) {
                var cpu = fields.next();
                JsonNode p999 = cpu.getValue().path("p999_us");
                cpus.put(Integer.parseInt(cpu.getKey()), new Figures(cpu.getValue().path("max_us").asLong(),
                        p999.isNumber() ? p999.asLong() : null));
            }
            JsonNode roundtrip = root.path("roundtrip_ms");
            return new Baseline(root.path("host").asText(), Instant.parse(root.path("saved").asText()), cpus,
                    roundtrip.isNumber() ? roundtrip.asDouble() : null);
        } catch (IOException | DateTimeParseException | NumberFormatException e) {
            throw new ProbeInputException(where + " is not a baseline saved by syncopated: " + e.getMessage());
        }
    }
}
