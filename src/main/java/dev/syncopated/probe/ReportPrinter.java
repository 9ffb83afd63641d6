package dev.syncopated.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalLong;

/** A latency report as a table for people or as JSON for programs. */
public final class ReportPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportPrinter() {}

    public static String text(LatencyReport report) {
        StringBuilder out = new StringBuilder();
        report.cyclictest().ifPresent(run -> {
            out.append(run.format()).append(": ").append(run.threads().size()).append(run.threads().size() == 1 ? " CPU, " : " CPUs, ")
                    .append(String.format(Locale.ROOT, "%,d", run.samples())).append(" samples; latency in µs\n");
            out.append(String.format(Locale.ROOT, "%4s %11s %6s %8s %6s %6s %7s %9s%n",
                    "CPU", "samples", "min", "avg", "p99", "p99.9", "max", "overflows"));
            for (ThreadLatency t : run.threads()) {
                out.append(String.format(Locale.ROOT, "%4d %,11d %6d %8.2f %6s %6s %7d %9s%s%n",
                        t.cpu(), t.samples(), t.min(), t.avg(), orDash(t.p99()), orDash(t.p999()), t.max(),
                        t.overflows() < 0 ? "-" : Long.toString(t.overflows()),
                        t.max() > report.thresholds().maxLatencyUs() ? "  !" : ""));
            }
            out.append(String.format(Locale.ROOT, "worst: %d µs (limit %d µs)%n", run.maxUs(), report.thresholds().maxLatencyUs()));
        });
        report.iodelay().ifPresent(log -> log.result().ifPresentOrElse(
                r -> out.append(String.format(Locale.ROOT, "jack_iodelay: %.3f frames, %.3f ms round trip, %d frames extra%s%n",
                        r.frames(), r.ms(), r.extraFrames(), r.unreliable() ? " (jack_iodelay marks it unreliable: '??')" : "")),
                () -> out.append("jack_iodelay: no loop signal\n")));
        report.baseline().ifPresent(c -> out.append("baseline: saved ").append(c.baseline().saved()).append(", ")
                .append(c.regressions().isEmpty() ? "no regression" : c.regressions().size() + " regression(s)")
                .append(" beyond ").append(LatencyReport.plain(c.tolerancePct())).append(" %\n"));
        out.append("verdict: ").append(report.passed() ? "pass" : "fail").append('\n');
        for (String violation : report.violations()) {
            out.append("  ").append(violation).append('\n');
        }
        return out.toString();
    }

    public static String json(LatencyReport report) {
        return write(tree(report, JSON.createObjectNode()));
    }

    /** Puts the fields of {@code report} into {@code root}. */
    private static ObjectNode tree(LatencyReport report, ObjectNode root) {
        if (report.cyclictest().isPresent()) {
            CyclictestRun run = report.cyclictest().get();
            ObjectNode cyclictest = root.putObject("cyclictest");
            ArrayNode threads = cyclictest.putArray("threads");
            for (ThreadLatency t : run.threads()) {
                ObjectNode node = threads.addObject();
                node.put("cpu", t.cpu());
                node.put("samples", t.samples());
                node.put("min_us", t.min());
                node.put("avg_us", BigDecimal.valueOf(t.avg()).setScale(2, RoundingMode.HALF_UP));
                node.put("max_us", t.max());
                putOptional(node, "p99_us", t.p99());
                putOptional(node, "p999_us", t.p999());
                if (t.overflows() < 0) {
                    node.putNull("overflows");
                } else {
                    node.put("overflows", t.overflows());
                }
            }
            cyclictest.put("max_us", run.maxUs());
        } else {
            root.putNull("cyclictest");
        }
        if (report.iodelay().isPresent()) {
            ObjectNode iodelay = root.putObject("iodelay");
            report.iodelay().get().result().ifPresentOrElse(r -> {
                iodelay.put("frames", BigDecimal.valueOf(r.frames()).setScale(3, RoundingMode.HALF_UP));
                iodelay.put("ms", BigDecimal.valueOf(r.ms()).setScale(3, RoundingMode.HALF_UP));
                iodelay.put("extra_frames", r.extraFrames());
            }, () -> {
                iodelay.putNull("frames");
                iodelay.putNull("ms");
                iodelay.putNull("extra_frames");
            });
        } else {
            root.putNull("iodelay");
        }
        root.put("verdict", report.passed() ? "pass" : "fail");
        ArrayNode violations = root.putArray("violations");
        report.violations().forEach(violations::add);
        // Only when a baseline was compared, so a plain report keeps exactly its documented shape.
        report.baseline().ifPresent(c -> {
            ObjectNode baseline = root.putObject("baseline");
            baseline.put("saved", c.baseline().saved().toString());
            baseline.put("tolerance_pct", c.tolerancePct());
            ArrayNode regressions = baseline.putArray("regressions");
            c.regressions().forEach(regressions::add);
        });
        return root;
    }

    /** Several hosts' reports: {@code {"hosts":[{"name", …one report…}], "verdict"}}. */
    public static String json(java.util.Map<String, LatencyReport> byHost) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode hosts = root.putArray("hosts");
        boolean passed = true;
        for (var entry : byHost.entrySet()) {
            tree(entry.getValue(), hosts.addObject().put("name", entry.getKey()));
            passed &= entry.getValue().passed();
        }
        root.put("verdict", passed ? "pass" : "fail");
        return write(root);
    }

    /** Several hosts' reports, one section each. */
    public static String text(java.util.Map<String, LatencyReport> byHost) {
        StringBuilder out = new StringBuilder();
        byHost.forEach((host, report) -> out.append("== ").append(host).append('\n').append(text(report)));
        return out.toString();
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putOptional(ObjectNode node, String key, OptionalLong value) {
        if (value.isPresent()) {
            node.put(key, value.getAsLong());
        } else {
            node.putNull(key);
        }
    }

    private static String orDash(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }
}
