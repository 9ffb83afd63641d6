package dev.syncopated.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.spec.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts of a pull: status file, lock, health commands, plan changes, and keeping secrets out of text. */
class FleetPartsTest {
    @TempDir
    Path tmp;

    @Test
    void theStatusFileReadsBackAndSaysWhenAPullIsDue() throws Exception {
        NodeStatus none = NodeStatus.read(tmp, "node1", "file:///srv/fleet.git", "main");
        assertFalse(none.upToDateWith("abc"), "never pulled: due");

        NodeStatus ok = none.after("abc", NodeStatus.Result.OK, "abc", "abc", Instant.parse("2026-12-01T10:00:00Z"), "/run/1", null);
        ok.write(tmp);
        NodeStatus read = NodeStatus.read(tmp, "x", "y", "z");
        assertEquals(ok, read);
        assertTrue(read.upToDateWith("abc"));
        assertFalse(read.upToDateWith("def"), "the branch moved on");
        assertFalse(read.after("def", NodeStatus.Result.ROLLED_BACK, "abc", "abc", Instant.now(), null, "why").upToDateWith("def"),
                "the last pull rolled back: tried again");
    }

    @Test
    void onePullAtATime() throws Exception {
        try (PullLock first = PullLock.tryAcquire(tmp).orElseThrow()) {
            assertTrue(PullLock.tryAcquire(tmp).isEmpty(), "held");
        }
        assertTrue(PullLock.tryAcquire(tmp).isPresent(), "released with the first");
    }

    @Test
    void aHealthCommandPassesOnExitZeroInTimeAndFailsOtherwise() {
        assertTrue(Health.run(check(List.of("true"), 5), tmp).passed());
        Health.Item failed = Health.run(check(List.of("sh", "-c", "echo not ready; exit 3"), 5), tmp);
        assertFalse(failed.passed());
        assertEquals("exit 3: not ready", failed.detail());
        Health.Item slow = Health.run(check(List.of("sleep", "5"), 1), tmp);
        assertEquals("no answer within 1 s", slow.detail());
        assertTrue(Health.run(check(List.of("/nonexistent/program"), 1), tmp).detail().startsWith("cannot run: "));
    }

    @Test
    void anOfflineNodeIsJudgedByItsCommandsAlone() {
        Health.Report report = Health.check(List.of(check(List.of("true"), 5)), List.of("rt_kernel", "audio_sysctl"), true, false, tmp);
        assertEquals(1, report.items().size());
        assertTrue(report.passed());
    }

    @Test
    void droppedRolesAreThosePresentBeforeAndUnmentionedAfter() throws Exception {
        PublishedPlan before = PublishedPlan.parse(plan("{\"role\":\"rtirq\",\"state\":\"present\",\"options\":{}},"
                + "{\"role\":\"pipewire\",\"state\":\"present\",\"options\":{\"quantum\":128}},"
                + "{\"role\":\"usb_audio\",\"state\":\"absent\",\"options\":{}}"));
        PublishedPlan after = PublishedPlan.parse(plan("{\"role\":\"pipewire\",\"state\":\"present\",\"options\":{\"quantum\":256}}"));

        assertEquals(List.of("rtirq"), before.droppedBy(after, "tracker"));
        assertEquals(List.of("tracker: pipewire quantum 128 -> 256; -rtirq; -usb_audio"), PlanDiff.lines(before, after));
        assertEquals("publish stage: 1 host changed\n\ntracker: pipewire quantum 128 -> 256; -rtirq; -usb_audio\n",
                PlanDiff.message("stage", Optional.of(before), after));
    }

    @Test
    void urlsShownToPeopleCarryNoCredentials() throws Exception {
        assertEquals("https://***@git.example.org/fleet.git", Credentials.redact("https://deploy:s3cret@git.example.org/fleet.git"));
        assertEquals("file:///srv/fleet.git", Credentials.redact("file:///srv/fleet.git"));
        Credentials.Token token = Credentials.token(Map.of(Credentials.TOKEN_ENV, "s3cret\n"));
        assertEquals("s3cret", token.value());
        assertFalse(token.toString().contains("s3cret"));
    }

    private static HealthCheck check(List<String> argv, int seconds) {
        return new HealthCheck(argv, Duration.ofSeconds(seconds), null, "health[0]");
    }

    private static String plan(String roles) {
        return "{\"name\":\"stage\",\"hosts\":[{\"name\":\"tracker\",\"address\":\"tracker\",\"roles\":[" + roles + "]}]}";
    }
}
