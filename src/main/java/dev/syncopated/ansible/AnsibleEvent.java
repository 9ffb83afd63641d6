package dev.syncopated.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One line of the syncopated_events callback: a play, a task, a result on a host, or the final stats. */
public record AnsibleEvent(JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event on this stdout line, or empty when the line is not one (a plugin printing, say). */
    public static Optional<AnsibleEvent> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.hasNonNull("event") ? Optional.of(new AnsibleEvent(node)) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public String type() {
        return text("event");
    }

    public String host() {
        return text("host");
    }

    public String role() {
        return text("role");
    }

    public String task() {
        return text("task");
    }

    /** The task's file:line, relative to the project. */
    public String path() {
        return text("path");
    }

    public String message() {
        return text("msg");
    }

    public boolean changed() {
        return json.path("changed").asBoolean(false);
    }

    public boolean ignored() {
        return json.path("ignored").asBoolean(false);
    }

    public boolean handler() {
        return json.path("handler").asBoolean(false);
    }

    public List<String> diffs() {
        List<String> diffs = new ArrayList<>();
        json.path("diff").forEach(d -> diffs.add(d.asText()));
        return diffs;
    }

    public JsonNode facts() {
        return json.path("facts");
    }

    private String text(String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
