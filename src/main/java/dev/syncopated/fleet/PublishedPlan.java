package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan as a published commit keeps it ({@code plan.json}, what {@code syncopated plan --format json}
 * prints): what each host gets at that commit. Publishing compares two of them for the commit message;
 * a node compares them to know which roles a change of commit drops, so it can undo them.
 */
public final class PublishedPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One role of one host: its state and options as planned. */
    public record Step(String state, JsonNode options) {}

    private final Map<String, Map<String, Step>> hosts;

    private PublishedPlan(Map<String, Map<String, Step>> hosts) {
        this.hosts = hosts;
    }

    public static PublishedPlan parse(String json) throws IOException {
        Map<String, Map<String, Step>> hosts = new LinkedHashMap<>();
        for (JsonNode host : JSON.readTree(json).path("hosts")) {
            Map<String, Step> roles = new LinkedHashMap<>();
            for (JsonNode role : host.path("roles")) {
                roles.put(role.path("role").asText(), new Step(role.path("state").asText(), role.path("options")));
            }
            hosts.put(host.path("name").asText(), roles);
        }
        return new PublishedPlan(hosts);
    }

    public Map<String, Map<String, Step>> hosts() {
        return hosts;
    }

    /** {@code host}'s roles by name, in plan order; empty when the plan has no such host. */
    public Map<String, Step> roles(String host) {
        return hosts.getOrDefault(host, Map.of());
    }

    public boolean hasHost(String host) {
        return hosts.containsKey(host);
    }

    /** The roles {@code host} has present (or info) here but that {@code next} no longer mentions for it. */
    public java.util.List<String> droppedBy(PublishedPlan next, String host) {
        Map<String, Step> after = next.roles(host);
        return roles(host).entrySet().stream()
                .filter(e -> e.getValue().state().equals("present") && !after.containsKey(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    static Optional<PublishedPlan> tryParse(String json) {
        try {
            return Optional.of(parse(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
