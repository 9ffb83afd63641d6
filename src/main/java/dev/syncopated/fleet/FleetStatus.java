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
import java.time.ZoneId;
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
     * not reached); {@code behind} is null when the head is unknown. {@code hold} says why its pulls
     * apply nothing ("held (playing)", "held until 02:00"), {@code holdUntil} when a show hold ends;
     * both are null when it is not held.
     */
    public record Node(String name, boolean reachable, boolean enrolled, String commit, String golden, String lastCommit,
                       String lastResult, String time, Long ageSeconds, Boolean behind, String message, String hold,
                       String holdUntil) {
        @JsonIgnore
        public boolean healthy() {
            return "ok".equals(lastResult);
        }
    }

    public FleetStatus {
        nodes = List.copyOf(nodes);
    }

    /** Each host's findings of the fleet_status task folded into its row; hold times are shown in {@code zone}. */
    public static FleetStatus of(String repo, String branch, FleetHead head, List<HostPlan> hosts, RunState state, Instant now,
                                 ZoneId zone) {
        List<Node> rows = hosts.stream().map(host -> node(host.name(), state.hosts().get(host.name()), head, now, zone)).toList();
        return new FleetStatus(repo == null ? null : Credentials.redact(repo), branch, head.commit(),
                head.commit() == null ? head.error() : null, rows);
    }

    private static Node node(String name, RunState.HostState state, FleetHead head, Instant now, ZoneId zone) {
        JsonNode found = state == null ? null : state.findings().get("fleet_status");
        boolean reachable = state != null && !state.unreachable();
        boolean enrolled = found != null && found.path("enrolled").asBoolean(false);
        JsonNode status = found == null ? null : found.get("status");
        Hold hold = hold(found, status, now);
        String holdLabel = hold == null ? null : hold.label(now, zone);
        String holdUntil = hold == null || hold.until() == null ? null : hold.until().toString();
        if (status == null || status.isNull()) {
            return new Node(name, reachable, enrolled, null, null, null, null, null, null, null, null, holdLabel, holdUntil);
        }
        String commit = text(status, "commit");
        String time = text(status, "time");
        return new Node(name, reachable, enrolled, commit, text(status, "golden"), text(status, "last_commit"),
                text(status, "last_result"), time, ageSeconds(time, now),
                head.commit() == null ? null : !head.commit().equals(commit), text(status, "message"), holdLabel, holdUntil);
    }

    /**
     * The node's own show hold when it is still on (set since the last pull, it is not in the status file
     * yet), else the hold the last pull recorded: playing, or a show hold that has not ended.
     */
    private static Hold hold(JsonNode found, JsonNode status, Instant now) {
        JsonNode own = found == null ? null : found.get("hold");
        if (own != null && own.hasNonNull("until")) {
            Hold local = Hold.fromJson(own);
            if (local != null && local.until().isAfter(now)) {
                return local;
            }
        }
        Hold recorded = status == null || status.isNull() ? null : Hold.fromJson(status.get("hold"));
        if (recorded == null || recorded.reason() == Hold.Reason.PLAYING || recorded.until().isAfter(now)) {
            return recorded;
        }
        return null;
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
