package dev.syncopated.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Readiness results as text for people or JSON for programs. */
public final class CheckPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckPrinter() {}

    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.status() == CheckStatus.fail);
    }

    public static String text(List<CheckResult> results, boolean showEvidence) {
        StringBuilder out = new StringBuilder();
        for (CheckResult r : results) {
            out.append(String.format("%-5s %-16s %s%n", r.status(), r.id(), r.summary()));
            if (showEvidence || r.status() == CheckStatus.fail || r.status() == CheckStatus.warn) {
                for (String line : r.evidence()) {
                    out.append("      read: ").append(line).append('\n');
                }
            }
            if (!r.fix().isEmpty()) {
                out.append("      fix:  ").append(r.fix()).append('\n');
            }
        }
        Map<CheckStatus, Integer> counts = counts(results);
        out.append(String.format("%d ok, %d warn, %d fail, %d skipped: %s%n", counts.get(CheckStatus.ok), counts.get(CheckStatus.warn),
                counts.get(CheckStatus.fail), counts.get(CheckStatus.skip), passed(results) ? "ready" : "not ready"));
        return out.toString();
    }

    public static String json(List<CheckResult> results) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode node = checks.addObject();
            node.put("id", r.id());
            node.put("status", r.status().name());
            node.put("summary", r.summary());
            ArrayNode evidence = node.putArray("evidence");
            r.evidence().forEach(evidence::add);
            if (r.fix().isEmpty()) {
                node.putNull("fix");
            } else {
                node.put("fix", r.fix());
            }
        }
        ObjectNode counts = root.putObject("counts");
        counts(results).forEach((status, n) -> counts.put(status.name(), n));
        root.put("verdict", passed(results) ? "pass" : "fail");
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<CheckStatus, Integer> counts(List<CheckResult> results) {
        Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s, 0);
        }
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }
}
