package dev.syncopated.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.RoleStep;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.State;
import dev.syncopated.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events captured from real ansible-playbook runs with the shipped callback, folded and reported. */
class RunStateTest {
    private static final Path EVENTS = Path.of("src/test/resources/events");

    private static HostPlan host(String name, Connection connection, String... roles) {
        return new HostPlan(name, name, connection, null, null, true, null, false, List.of(),
                java.util.Arrays.stream(roles).map(r -> new RoleStep(r, State.PRESENT, Map.of())).toList());
    }

    private static RunState fold(String file, Plan plan) throws IOException {
        RunState state = new RunState(plan);
        for (String line : Files.readAllLines(EVENTS.resolve(file))) {
            AnsibleEvent.parse(line).ifPresent(state::accept);
        }
        return state;
    }

    private static final Plan TWO_HOSTS = new Plan("capture", List.of(
            host("image", Connection.CHROOT, "realtime_limits", "audio_sysctl"),
            host("gone", Connection.SSH, "audio_sysctl")));

    @Test
    void aFailedTaskAndAnUnreachableHostAreNamedWithTheirPlaceAndMessage() throws IOException {
        RunState state = fold("failed-and-unreachable.jsonl", TWO_HOSTS);

        assertEquals(RunStatus.UNREACHABLE, state.status(false), "unreachable outranks failed");
        assertTrue(state.finished());
        TaskOutcome failed = state.failures().stream().filter(f -> f.kind().equals("failed")).findFirst().orElseThrow();
        assertEquals("image", failed.host());
        assertEquals("realtime_limits", failed.role());
        assertEquals("Check that the listed users exist", failed.task());
        assertEquals("roles/realtime_limits/tasks/present.yml:31", failed.where());
        assertTrue(failed.message().contains("alice"), failed.message());
        assertTrue(state.hosts().get("gone").unreachable());
        assertEquals(1, state.hosts().get("image").roles().get("realtime_limits").failed());
    }

    @Test
    void theRecapIsInSpecTerms() throws IOException {
        RunState state = fold("failed-and-unreachable.jsonl", TWO_HOSTS);

        Golden.assertMatches(EVENTS.resolve("failed-and-unreachable.recap"),
                RunReport.recap(TWO_HOSTS, state) + RunReport.failures(state));
    }

    @Test
    void aChangedRunCountsChangesPerRoleAndKeepsTheDiffs() throws IOException {
        Plan plan = new Plan("ok", List.of(host("image", Connection.CHROOT, "realtime_limits", "audio_sysctl")));
        RunState state = fold("changed-with-diff.jsonl", plan);

        assertEquals(RunStatus.CHANGED, state.status(false));
        assertTrue(state.hosts().get("image").roles().get("audio_sysctl").changed() > 0);
        assertTrue(state.changes().stream().anyMatch(c -> c.diffs().stream().anyMatch(d -> d.contains("+vm.swappiness = 10"))),
                "the sysctl drop-in's diff is kept");
        JsonNode summary = RunReport.summary(plan, state, RunStatus.CHANGED, "/run");
        assertEquals("changed", summary.get("status").asText());
        JsonNode image = summary.get("hosts").get(0);
        assertEquals(state.hosts().get("image").stats().get("changed").intValue(), image.get("changed").asInt());
        assertEquals("realtime_limits", image.get("roles").get(0).get("role").asText());
        assertEquals("present", image.get("roles").get(0).get("state").asText());
        assertEquals("/run", summary.get("run").asText());
    }

    @Test
    void infoFindingsAreCollectedPerRole() throws IOException {
        Plan plan = new Plan("ok", List.of(host("image", Connection.CHROOT, "realtime_limits", "audio_sysctl")));
        RunState state = fold("info.jsonl", plan);

        JsonNode sysctl = state.hosts().get("image").findings().get("audio_sysctl");
        assertEquals(10, sysctl.get("configured").get("swappiness").asInt());
        JsonNode json = RunReport.findingsJson(plan, state);
        assertEquals("audio", json.get("hosts").get(0).get("roles").get(0).get("findings").get("group").asText());
        assertTrue(RunReport.findingsText(plan, state).contains("    config_file: /etc/sysctl.d/90-syncopated-audio.conf"));
    }

    @Test
    void withoutARecapTheRunFailed() {
        RunState state = new RunState(TWO_HOSTS);
        AnsibleEvent.parse("{\"event\": \"playbook_start\", \"playbook\": \"site.yml\"}").ifPresent(state::accept);

        assertFalse(state.finished());
        assertEquals(RunStatus.FAILED, state.status(false));
        assertEquals(RunStatus.INTERRUPTED, state.status(true));
    }

    @Test
    void linesThatAreNotEventsAreIgnored() {
        assertTrue(AnsibleEvent.parse("[WARNING]: something").isEmpty());
        assertTrue(AnsibleEvent.parse("{not json").isEmpty());
        assertTrue(AnsibleEvent.parse("{\"no_event\": 1}").isEmpty());
    }
}
