package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changed between two published plans, per host, in the spec's terms: roles added, removed,
 * changed state, and options changed with their old and new values. Pure. Becomes the commit message.
 */
public final class PlanDiff {
    private PlanDiff() {}

    /** The commit message: a subject line, a blank line, and one line per changed host. */
    public static String message(String specName, Optional<PublishedPlan> before, PublishedPlan after) {
        List<String> lines = before.isPresent() ? lines(before.get(), after) : List.of();
        String name = specName == null ? "spec" : specName;
        String subject = before.isEmpty()
                ? "publish " + name + ": " + count(after.hosts().size(), "host")
                : "publish " + name + ": " + (lines.isEmpty() ? "no plan change (roles or project updated)"
                        : count(lines.size(), "host") + " changed");
        StringBuilder message = new StringBuilder(subject).append("\n\n");
        if (before.isEmpty()) {
            after.hosts().forEach((host, roles) -> message.append(host).append(": ")
                    .append(roles.isEmpty() ? "no roles" : String.join(", ", roles.entrySet().stream()
                            .map(e -> "+" + e.getKey() + " (" + e.getValue().state() + ")").toList())).append('\n'));
        } else {
            lines.forEach(line -> message.append(line).append('\n'));
        }
        return message.toString();
    }

    /** One line per host whose plan differs; hosts in the order of the new plan, removed hosts last. */
    public static List<String> lines(PublishedPlan before, PublishedPlan after) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, PublishedPlan.Step>> host : after.hosts().entrySet()) {
            if (!before.hasHost(host.getKey())) {
                lines.add(host.getKey() + ": new host, " + String.join(", ", host.getValue().entrySet().stream()
                        .map(e -> "+" + e.getKey() + " (" + e.getValue().state() + ")").toList()));
                continue;
            }
            List<String> changes = changes(before.roles(host.getKey()), host.getValue());
            if (!changes.isEmpty()) {
                lines.add(host.getKey() + ": " + String.join("; ", changes));
            }
        }
        for (String host : before.hosts().keySet()) {
            if (!after.hasHost(host)) {
                lines.add(host + ": host removed from the spec");
            }
        }
        return lines;
    }

    private static List<String> changes(Map<String, PublishedPlan.Step> before, Map<String, PublishedPlan.Step> after) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, PublishedPlan.Step> role : after.entrySet()) {
            PublishedPlan.Step old = before.get(role.getKey());
            PublishedPlan.Step now = role.getValue();
            if (old == null) {
                changes.add("+" + role.getKey() + " (" + now.state() + ")");
            } else if (!old.state().equals(now.state())) {
                changes.add(role.getKey() + " " + old.state() + " -> " + now.state());
            } else {
                List<String> options = options(old.options(), now.options());
                if (!options.isEmpty()) {
                    changes.add(role.getKey() + " " + String.join(", ", options));
                }
            }
        }
        for (String role : before.keySet()) {
            if (!after.containsKey(role)) {
                changes.add("-" + role);
            }
        }
        return changes;
    }

    private static List<String> options(JsonNode before, JsonNode after) {
        TreeSet<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode old = before.path(name);
            JsonNode now = after.path(name);
            if (!old.equals(now)) {
                changed.add(name + " " + show(old) + " -> " + show(now));
            }
        }
        return changed;
    }

    private static String show(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "unset";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                items.add(show(it.next()));
            }
            return "[" + String.join(",", items) + "]";
        }
        return value.asText();
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
