package dev.syncopated.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.RunState;
import dev.syncopated.plan.HostPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The fleet as its nodes report it: the head of the fleet branch, and per node what its pull status
 * file says (read through Ansible by playbooks/fleet-status.yml), aged against the reader's clock.
 *
 * @param repo      the repository as the reader reached it, credentials redacted (null when none is known)
 * @param head      the branch head, or null when it could not be read ({@code headError} says why)
 */
public record FleetStatus(String repo, String branch, String head,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String headError, List<Node> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * One node. Everything after {@code enrolled} is null when the node has no status file yet (or was
     * not reached); {@code behind} is null when the head is unknown.
     */
    public record Node(String name, boolean reachable, boolean enrolled, String commit, String golden, String lastCommit,
                       String lastResult, String time, Long ageSeconds, Boolean behind, String message) {
        @JsonIgnore
        public boolean healthy() {
            return "ok".equals(lastResult);
        }
    }

    public FleetStatus {
        nodes = List.copyOf(nodes);
    }

    /** Each host's findings of the fleet_status task folded into its row. */
    public static FleetStatus of(String repo, String branch, FleetHead head, List<HostPlan> hosts, RunState state, Instant now) {
        List<Node> rows = hosts.stream().map(host -> node(host.name(), state.hosts().get(host.name()), head, now)).toList();
        return new FleetStatus(repo == null ? null : Credentials.redact(repo), branch, head.commit(),
                head.commit() == null ? head.error() : null, rows);
    }

    private static Node node(String name, RunState.HostState state, FleetHead head, Instant now) {
        JsonNode found = state == null ? null : state.findings().get("fleet_status");
        boolean reachable = state != null && !state.unreachable();
        boolean enrolled = found != null && found.path("enrolled").asBoolean(false);
        JsonNode status = found == null ? null : found.get("status");
        if (status == null || status.isNull()) {
            return new Node(name, reachable, enrolled, null, null, null, null, null, null, null, null);
        }
        String commit = text(status, "commit");
        String time = text(status, "time");
        return new Node(name, reachable, enrolled, commit, text(status, "golden"), text(status, "last_commit"),
                text(status, "last_result"), time, ageSeconds(time, now),
                head.commit() == null ? null : !head.commit().equals(commit), text(status, "message"));
    }

    /** Every node has pulled and its last pull ended well. */
    public boolean allHealthy() {
        return nodes.stream().allMatch(Node::healthy);
    }

    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }

    private static String text(JsonNode status, String key) {
        JsonNode value = status.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long ageSeconds(String time, Instant now) {
        try {
            return time == null ? null : Math.max(0, Duration.between(Instant.parse(time), now).toSeconds());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
