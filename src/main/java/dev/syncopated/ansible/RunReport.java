package dev.syncopated.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.RoleStep;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A finished run in the spec's own terms: a recap of host × role, the failures, the diffs, the findings. */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {}

    public static String recap(Plan plan, RunState state) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "ROLE", "STATE", "OK", "CHANGED", "FAILED", "SKIPPED"});
        for (HostPlan host : plan.hosts()) {
            RunState.HostState run = state.hosts().get(host.name());
            if (run != null && run.unreachable()) {
                rows.add(new String[] {host.name(), "(host unreachable)", "", "", "", "", ""});
                continue;
            }
            for (RoleStep step : host.roles()) {
                Counts c = run == null ? new Counts() : run.roles().getOrDefault(step.role(), new Counts());
                rows.add(new String[] {host.name(), step.role(), step.state().label(), String.valueOf(c.ok()),
                        String.valueOf(c.changed()), String.valueOf(c.failed()), String.valueOf(c.skipped())});
            }
        }
        return table(rows);
    }

    public static String failures(RunState state) {
        StringBuilder out = new StringBuilder();
        for (TaskOutcome f : state.failures()) {
            out.append(f.kind()).append(": ").append(f.host()).append("  ").append(f.role() == null ? "-" : f.role())
                    .append("  task \"").append(f.task()).append("\" at ").append(f.where()).append('\n');
            if (!f.message().isBlank()) {
                f.message().strip().lines().forEach(l -> out.append("  ").append(l).append('\n'));
            }
        }
        return out.toString();
    }

    public static String diffs(List<TaskOutcome> changes) {
        StringBuilder out = new StringBuilder();
        for (TaskOutcome c : changes) {
            if (c.diffs().isEmpty()) {
                continue;
            }
            out.append("--- ").append(c.host()).append("  ").append(c.role() == null ? "-" : c.role())
                    .append("  ").append(c.task()).append(" (").append(c.where()).append(")\n");
            c.diffs().forEach(d -> out.append(d.endsWith("\n") ? d : d + "\n"));
        }
        return out.toString();
    }

    /** {"status", "hosts":[{"name","ok","changed","failed","unreachable","skipped","roles":[…]}], "run"}. */
    public static ObjectNode summary(Plan plan, RunState state, RunStatus status, String runDir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status.label());
        ArrayNode hosts = root.putArray("hosts");
        for (HostPlan host : plan.hosts()) {
            RunState.HostState run = state.hosts().get(host.name());
            ObjectNode h = hosts.addObject();
            h.put("name", host.name());
            Map<String, Integer> stats = run == null ? null : run.stats();
            Counts total = run == null ? new Counts() : run.total();
            h.put("ok", stats != null ? stats.getOrDefault("ok", 0) : total.ok());
            h.put("changed", stats != null ? stats.getOrDefault("changed", 0) : total.changed());
            h.put("failed", stats != null ? stats.getOrDefault("failed", 0) : total.failed());
            h.put("unreachable", stats != null ? stats.getOrDefault("unreachable", 0) : total.unreachable());
            h.put("skipped", stats != null ? stats.getOrDefault("skipped", 0) : total.skipped());
            ArrayNode roles = h.putArray("roles");
            for (RoleStep step : host.roles()) {
                Counts c = run == null ? new Counts() : run.roles().getOrDefault(step.role(), new Counts());
                ObjectNode r = roles.addObject();
                r.put("role", step.role());
                r.put("state", step.state().label());
                r.put("ok", c.ok());
                r.put("changed", c.changed());
                r.put("failed", c.failed());
                r.put("skipped", c.skipped());
                Boolean reboot = run == null ? null : run.rebootRequired().get(step.role());
                if (reboot != null) {
                    r.put("reboot_required", reboot);
                }
            }
        }
        root.put("run", runDir);
        return root;
    }

    /** {"hosts":[{"name","roles":[{"role","findings":{…}}]}]}. */
    public static ObjectNode findingsJson(Plan plan, RunState state) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode hosts = root.putArray("hosts");
        for (HostPlan host : plan.hosts()) {
            RunState.HostState run = state.hosts().get(host.name());
            ObjectNode h = hosts.addObject();
            h.put("name", host.name());
            if (run != null && run.unreachable()) {
                h.put("unreachable", true);
            }
            ArrayNode roles = h.putArray("roles");
            for (RoleStep step : host.roles()) {
                ObjectNode r = roles.addObject();
                r.put("role", step.role());
                JsonNode findings = run == null ? null : run.findings().get(step.role());
                r.set("findings", findings == null ? JSON.createObjectNode() : findings);
            }
        }
        return root;
    }

    /** Findings as text: each host, each role, one "key: value" line per finding. */
    public static String findingsText(Plan plan, RunState state) {
        StringBuilder out = new StringBuilder();
        for (HostPlan host : plan.hosts()) {
            RunState.HostState run = state.hosts().get(host.name());
            out.append(host.name()).append(run != null && run.unreachable() ? "  (unreachable)" : "").append('\n');
            for (RoleStep step : host.roles()) {
                JsonNode findings = run == null ? null : run.findings().get(step.role());
                out.append("  ").append(step.role()).append('\n');
                if (findings == null || findings.isEmpty()) {
                    out.append("    (no findings reported)\n");
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = findings.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    JsonNode v = f.getValue();
                    out.append("    ").append(f.getKey()).append(": ")
                            .append(v.isValueNode() ? v.asText() : v.toString()).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + (c == columns - 1 ? 0 : 2)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
