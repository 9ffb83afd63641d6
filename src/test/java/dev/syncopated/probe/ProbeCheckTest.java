package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 'syncopated probe check' on hand-built trees in the real formats, and on this machine. */
class ProbeCheckTest {
    static final String TREES = "src/test/resources/probe/trees/";
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, CheckResult> check(String tree) {
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        for (CheckResult r : ReadinessChecks.run(SystemTree.capturedAt(Path.of(TREES + tree)))) {
            byId.put(r.id(), r);
        }
        assertEquals(ReadinessChecks.IDS, new ArrayList<>(byId.keySet()), "every check, in order");
        return byId;
    }

    @Test
    void healthyRtTreePassesWithOnlyTheNvidiaWarning() {
        Map<String, CheckResult> r = check("healthy-rt");

        for (String id : ReadinessChecks.IDS) {
            CheckStatus expected = id.equals("nvidia") ? CheckStatus.warn : CheckStatus.ok;
            assertEquals(expected, r.get(id).status(), id + ": " + r.get(id));
        }
        assertEquals("PREEMPT_RT kernel 6.1.0-56-rt-amd64", r.get("rt_kernel").summary());
        assertTrue(r.get("rt_kernel").evidence().contains("/sys/kernel/realtime: 1"), r.get("rt_kernel").toString());
        assertEquals("realtime priority limit of alice: 95", r.get("rtprio").summary());
        assertEquals("alice may write /dev/cpu_dma_latency as a member of audio", r.get("cpu_dma_latency").summary());
        assertEquals("3 sound/USB IRQs, none shared", r.get("shared_irqs").summary());
        assertTrue(r.get("nvidia").fix().contains("rt_kernel: absent"));
    }

    @Test
    void untunedTreeFailsAndEveryProblemNamesItsFix() {
        Map<String, CheckResult> r = check("untuned");

        Map<String, CheckStatus> expected = new LinkedHashMap<>();
        expected.put("rt_kernel", CheckStatus.warn);
        expected.put("preemption", CheckStatus.fail);
        expected.put("threadirqs", CheckStatus.fail);
        expected.put("rtprio", CheckStatus.fail);
        expected.put("memlock", CheckStatus.fail);
        expected.put("governor", CheckStatus.fail);
        expected.put("power_daemon", CheckStatus.fail);
        expected.put("smt", CheckStatus.warn);
        expected.put("swappiness", CheckStatus.warn);
        expected.put("high_res_timers", CheckStatus.ok);
        expected.put("no_hz", CheckStatus.ok);
        expected.put("mitigations", CheckStatus.warn);
        expected.put("shared_irqs", CheckStatus.warn);
        expected.put("cpu_dma_latency", CheckStatus.warn);
        expected.put("irqbalance", CheckStatus.fail);
        expected.put("nvidia", CheckStatus.ok);
        expected.put("home_fs", CheckStatus.warn);
        expected.forEach((id, status) -> assertEquals(status, r.get(id).status(), id + ": " + r.get(id)));

        assertEquals("preemption voluntary: kernel code is not preemptible enough for audio", r.get("preemption").summary());
        assertEquals("rt_kernel: present", r.get("rt_kernel").fix());
        assertEquals("realtime_limits: { users: [bob] }", r.get("rtprio").fix());
        assertEquals("realtime priority limit of bob is 0 (want 80 or more)", r.get("rtprio").summary());
        assertEquals("locked memory limit of bob is 8 MiB (want 256 MiB or more)", r.get("memlock").summary());
        assertEquals("cpu_power: { governor: performance }", r.get("governor").fix());
        assertTrue(r.get("power_daemon").summary().startsWith("power-profiles-daemon running"), r.get("power_daemon").summary());
        assertTrue(r.get("power_daemon").fix().endsWith("systemctl disable --now power-profiles-daemon tlp"), r.get("power_daemon").fix());
        assertEquals("audio_sysctl: { swappiness: 10 }", r.get("swappiness").fix());
        assertEquals("shared with other devices: IRQ 16 (ehci_hcd:usb1,snd_hda_intel:card0)", r.get("shared_irqs").summary());
        assertTrue(r.get("irqbalance").summary().contains("isolcpus=3"));
        assertEquals("/home/bob is on fuseblk: slow or network-backed for audio recording", r.get("home_fs").summary());
        for (CheckResult result : r.values()) {
            if (result.status() == CheckStatus.fail || result.status() == CheckStatus.warn) {
                assertFalse(result.fix().isEmpty(), result.id() + " needs a fix");
                assertFalse(result.evidence().isEmpty(), result.id() + " needs evidence");
            }
        }
    }

    @Test
    void exitCodesFollowFailures() {
        assertEquals(0, CliRun.of("probe", "check", "--root", TREES + "healthy-rt").exitCode());
        CliRun untuned = CliRun.of("probe", "check", "--root", TREES + "untuned");
        assertEquals(1, untuned.exitCode());
        assertTrue(untuned.out().endsWith("3 ok, 7 warn, 7 fail, 0 skipped: not ready\n"), untuned.out());
        assertTrue(untuned.out().contains("fail  rtprio           realtime priority limit of bob is 0 (want 80 or more)\n"
                + "      read: /proc/self/limits: Max realtime priority soft 0, hard 0\n"), untuned.out());
        CliRun missing = CliRun.of("probe", "check", "--root", TREES + "no-such-tree");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("is not a directory"), missing.err());
    }

    @Test
    void jsonListsEveryCheckWithEvidenceAndFix() throws Exception {
        CliRun run = CliRun.of("probe", "check", "--root", TREES + "untuned", "--format", "json");

        assertEquals(1, run.exitCode());
        JsonNode root = JSON.readTree(run.out());
        assertEquals("fail", root.get("verdict").asText());
        assertEquals(7, root.get("counts").get("fail").asInt());
        List<String> ids = new ArrayList<>();
        for (JsonNode check : root.get("checks")) {
            ids.add(check.get("id").asText());
            assertTrue(check.get("evidence").isArray());
            assertTrue(check.has("fix") && check.has("summary") && check.has("status"));
        }
        assertEquals(ReadinessChecks.IDS, ids);
    }

    @Test
    void thisMachineGetsAResultForEveryCheck() throws Exception {
        CliRun run = CliRun.of("probe", "check", "--format", "json");

        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
        JsonNode root = JSON.readTree(run.out());
        List<String> ids = new ArrayList<>();
        for (JsonNode check : root.get("checks")) {
            ids.add(check.get("id").asText());
            assertTrue(List.of("ok", "warn", "fail", "skip").contains(check.get("status").asText()), check.toString());
        }
        assertEquals(ReadinessChecks.IDS, ids);
        assertEquals(run.exitCode() == 0 ? "pass" : "fail", root.get("verdict").asText());
    }

    @Test
    void preemptionModeFromTheCommandLineOverridesTheConfigDefault() throws Exception {
        Path tree = java.nio.file.Files.createTempDirectory("tree");
        try {
            copy(Path.of(TREES + "untuned"), tree);
            java.nio.file.Files.writeString(tree.resolve("proc/cmdline"), "ro quiet preempt=full threadirqs\n");
            Map<String, CheckResult> r = new LinkedHashMap<>();
            ReadinessChecks.run(SystemTree.capturedAt(tree)).forEach(c -> r.put(c.id(), c));
            assertEquals(CheckStatus.ok, r.get("preemption").status(), r.get("preemption").toString());
            assertEquals(CheckStatus.ok, r.get("threadirqs").status());
            assertEquals(CheckStatus.ok, r.get("irqbalance").status(), "nothing pinned any more");
        } finally {
            try (var walk = java.nio.file.Files.walk(tree)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
