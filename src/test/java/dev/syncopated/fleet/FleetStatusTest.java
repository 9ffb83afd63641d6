package dev.syncopated.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.ansible.AnsibleEvent;
import dev.syncopated.ansible.RunState;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.spec.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fleet status makes of the nodes' status files, and the JSON it prints. */
class FleetStatusTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String C = "c".repeat(40);
    private static final String D = "d".repeat(40);

    private static HostPlan host(String name) {
        return new HostPlan(name, name, Connection.SSH, null, null, true, null, false, List.of(), List.of());
    }

    /** node1 pulled C at 09:58 and found it invalid; node2 is enrolled and never pulled; node3 was not reached. */
    private static RunState state(Plan plan) {
        RunState state = new RunState(plan);
        String status = "{\"commit\": \"" + C + "\", \"golden\": \"" + C + "\", \"last_commit\": \"" + D + "\", "
                + "\"last_result\": \"invalid\", \"time\": \"2026-12-07T09:58:00Z\", \"message\": \"quantum: 100\"}";
        for (String line : List.of(
                "{\"action\": \"ansible.builtin.set_fact\", \"changed\": false, \"event\": \"ok\", \"host\": \"node1\", "
                        + "\"facts\": {\"fleet_status_findings\": {\"enrolled\": true, \"status\": " + status + "}}, "
                        + "\"msg\": \"\", \"path\": \"playbooks/fleet-status.yml:9\", \"role\": null, \"task\": \"Read it\"}",
                "{\"action\": \"ansible.builtin.set_fact\", \"changed\": false, \"event\": \"ok\", \"host\": \"node2\", "
                        + "\"facts\": {\"fleet_status_findings\": {\"enrolled\": true, \"status\": null}}, "
                        + "\"msg\": \"\", \"path\": \"playbooks/fleet-status.yml:9\", \"role\": null, \"task\": \"Read it\"}",
                "{\"event\": \"unreachable\", \"host\": \"node3\", \"msg\": \"ssh: connect refused\", "
                        + "\"path\": \"playbooks/fleet-status.yml:3\", \"role\": null, \"task\": \"Gathering Facts\"}")) {
            AnsibleEvent.parse(line).ifPresent(state::accept);
        }
        return state;
    }

    @Test
    void eachNodeIsAgedAndComparedWithTheHead() throws Exception {
        Plan plan = new Plan("stage", List.of(host("node1"), host("node2"), host("node3")));
        FleetStatus fleet = FleetStatus.of("https://alice:secret@git.example/fleet.git", "main", new FleetHead(D, null),
                plan.hosts(), state(plan), NOW, ZoneOffset.UTC);

        JsonNode json = new ObjectMapper().readTree(fleet.toJson().toString());
        assertEquals("https://***@git.example/fleet.git", json.path("repo").asText(), "credentials never printed");
        assertEquals(D, json.path("head").asText());
        assertFalse(json.has("head_error"), "no error when the head was read");
        JsonNode n1 = json.path("nodes").get(0);
        assertEquals(List.of("name", "reachable", "enrolled", "commit", "golden", "last_commit", "last_result", "time",
                "age_seconds", "behind", "message", "hold", "hold_until"), fieldNames(n1));
        assertTrue(n1.path("hold").isNull() && n1.path("hold_until").isNull(), "not held: " + n1);
        assertEquals(C, n1.path("commit").asText());
        assertEquals("invalid", n1.path("last_result").asText());
        assertEquals(120, n1.path("age_seconds").asLong());
        assertTrue(n1.path("behind").asBoolean());
        JsonNode n2 = json.path("nodes").get(1);
        assertTrue(n2.path("reachable").asBoolean() && n2.path("enrolled").asBoolean());
        assertTrue(n2.path("last_result").isNull() && n2.path("behind").isNull(), n2.toString());
        assertFalse(json.path("nodes").get(2).path("reachable").asBoolean());
        assertFalse(fleet.allHealthy());
    }

    @Test
    void anUnreadableHeadIsSaidAndNoNodeIsCalledBehind() {
        Plan plan = new Plan("stage", List.of(host("node1")));
        FleetStatus fleet = FleetStatus.of(null, "main", FleetHead.unknown("the spec has no fleet section"), plan.hosts(),
                state(plan), NOW, ZoneOffset.UTC);

        assertEquals("the spec has no fleet section", fleet.toJson().path("head_error").asText());
        assertTrue(fleet.toJson().path("repo").isNull());
        assertEquals(null, fleet.nodes().get(0).behind());
    }

    /**
     * node1's last pull was held while playing; node2 has a hold of its own until 12:00 that no pull has
     * seen yet; node3's last pull recorded a show hold that ended at 09:00; node4's ends the day after.
     */
    @Test
    void holdsAreShownAsHeldPlayingOrHeldUntilTheirEndInTheReadersZone() {
        Plan plan = new Plan("stage", List.of(host("node1"), host("node2"), host("node3"), host("node4")));
        RunState state = new RunState(plan);
        String ok = "\"commit\": \"" + C + "\", \"golden\": \"" + C + "\", \"last_commit\": \"" + C + "\", "
                + "\"last_result\": \"ok\", \"time\": \"2026-12-07T09:00:00Z\", \"head\": \"" + D + "\"";
        String[] findings = {
            "{\"enrolled\": true, \"status\": {" + ok + ", \"hold\": {\"reason\": \"playing\", \"until\": null, "
                    + "\"detail\": \"ALSA card0 pcm0p/sub0 is RUNNING\"}}, \"hold\": null}",
            "{\"enrolled\": true, \"status\": {" + ok + ", \"hold\": null}, "
                    + "\"hold\": {\"until\": \"2026-12-07T12:00:00Z\", \"set\": \"2026-12-07T09:59:00Z\"}}",
            "{\"enrolled\": true, \"status\": {" + ok + ", \"hold\": {\"reason\": \"until\", "
                    + "\"until\": \"2026-12-07T09:00:00Z\", \"detail\": \"fleet repository\"}}, \"hold\": null}",
            "{\"enrolled\": true, \"status\": {" + ok + ", \"hold\": {\"reason\": \"until\", "
                    + "\"until\": \"2026-12-08T11:30:00Z\", \"detail\": \"fleet repository\"}}, \"hold\": null}"};
        for (int i = 0; i < findings.length; i++) {
            AnsibleEvent.parse("{\"action\": \"ansible.builtin.set_fact\", \"changed\": false, \"event\": \"ok\", "
                    + "\"host\": \"node" + (i + 1) + "\", \"facts\": {\"fleet_status_findings\": " + findings[i] + "}, "
                    + "\"msg\": \"\", \"path\": \"playbooks/fleet-status.yml:9\", \"role\": null, \"task\": \"Read it\"}")
                    .ifPresent(state::accept);
        }
        FleetStatus fleet = FleetStatus.of(null, "main", new FleetHead(D, null), plan.hosts(), state, NOW, ZoneId.of("Europe/Berlin"));

        assertEquals("held (playing)", fleet.nodes().get(0).hold());
        assertEquals(null, fleet.nodes().get(0).holdUntil());
        assertEquals("held until 13:00", fleet.nodes().get(1).hold(), "12:00 UTC is 13:00 in Berlin");
        assertEquals("2026-12-07T12:00:00Z", fleet.nodes().get(1).holdUntil());
        assertEquals(null, fleet.nodes().get(2).hold(), "a hold that ended is not shown");
        assertEquals("held until 2026-12-08 12:30", fleet.nodes().get(3).hold(), "more than a day ahead: with the date");
        assertTrue(fleet.nodes().get(0).behind(), "a held node is behind the head it did not apply");
        assertTrue(fleet.allHealthy(), "a hold is no failure");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
