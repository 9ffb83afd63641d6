package dev.syncopated.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.JarRun;
import dev.syncopated.testing.NodeRoot;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet end to end, on a real node: a Debian 12 root made a fleet node by {@code fleet enroll}
 * (Ansible, Java, the built jar, the timer), in which the real {@code syncopated pull} runs under
 * chroot, exactly as the timer's ExecStart gives it, against a bare repository of its own
 * ({@code file:///srv/fleet.git}) that {@code publish --push} fills from outside. After each step the
 * test reads the node's files: what a commit's roles wrote, and the node's status file. Show holds are
 * tested on a fixture /proc/asound given with pull's test option --asound-root (docs/fleet.md): this
 * kernel has no snd-dummy or snd-aloop module to play into.
 */
class FleetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSCTL = "/etc/sysctl.d/90-syncopated-audio.conf";
    private static final String LIMITS = "/etc/security/limits.d/99-syncopated-realtime.conf";
    private static final String SERVICE = "/etc/systemd/system/syncopated-pull.service";
    private static final String TIMER = "/etc/systemd/system/syncopated-pull.timer";
    private static final String TIMER_LINK = "/etc/systemd/system/timers.target.wants/syncopated-pull.timer";
    private static final String STATUS = "/var/lib/syncopated/status.json";

    @TempDir
    Path tmp;

    private final List<String> timeline = new ArrayList<>();
    private final Instant start = Instant.now();

    @BeforeAll
    static void prerequisites() {
        Prerequisites.require("root".equals(System.getProperty("user.name")), "a fleet node root needs root");
        Prerequisites.requireTool("ansible-playbook");
        JarRun.requireJar();
        DebianRoot.requireCache();
    }

    @Test
    void publishPullRollBackRetryFixBusyInvalidHoldThenLeave() throws Exception {
        try (NodeRoot node = NodeRoot.start("fleet")) {
            JarRun syncopated = JarRun.in(tmp, Map.of());
            Path bare = node.file("/srv/fleet.git");
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
            Path work = tmp.resolve("fleet-work");
            try (Git clone = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
                assertTrue(clone.getRepository().getRemoteNames().contains("origin"));
            }
            Path spec = tmp.resolve("stage.yaml");

            // 0. Enrol the node: packages, jar, launcher, the timer enabled by its link (offline: nothing started).
            write(spec, node, 10, false, false);
            Proc enroll = step("fleet enroll", syncopated.run("fleet", "enroll", spec.toString()));
            assertEquals(0, enroll.exitCode(), enroll.toString());
            String unit = read(node, SERVICE);
            assertTrue(unit.contains("Managed by syncopated (role ansible_pull)"), unit);
            assertTrue(read(node, TIMER).contains("OnUnitActiveSec=900s") && read(node, TIMER).contains("RandomizedDelaySec=225s"),
                    read(node, TIMER));
            assertEquals(Path.of("../syncopated-pull.timer"), Files.readSymbolicLink(node.file(TIMER_LINK)));
            assertTrue(Files.isExecutable(node.file("/usr/local/bin/syncopated")));
            assertTrue(Files.isExecutable(node.file("/usr/bin/ansible-pull")), "ansible-core is installed on the node");
            // The pull is kept out of the audio's way: lowest CPU and I/O priority, batch, never on cpu_isolation's cores.
            for (String key : List.of("Nice=19", "IOSchedulingClass=idle", "CPUSchedulingPolicy=batch", "SuccessExitStatus=75 6")) {
                assertTrue(unit.lines().anyMatch(key::equals), key + " in the unit:\n" + unit);
            }
            assertEquals(housekeeping(), cpus(unitValue(unit, "AllowedCPUs")), unit);
            assertEquals(housekeeping(), cpus(unitValue(unit, "CPUAffinity")), unit);
            assertFalse(cpus(unitValue(unit, "AllowedCPUs")).contains(2) || cpus(unitValue(unit, "AllowedCPUs")).contains(3), unit);
            List<String> pull = execStart(unit);
            assertEquals(List.of("/usr/local/bin/syncopated", "pull", "--repo", "file:///srv/fleet.git", "--branch", "main",
                    "--host", "node1"), pull);

            // 1. Commit A: pull applies it, health passes, A is golden.
            String a = publish(syncopated, spec, work, "A");
            Proc p1 = step("pull A", pull(node, pull));
            assertEquals(0, p1.exitCode(), p1.toString());
            assertSwappiness(node, 10);
            JsonNode status = status(node);
            assertEquals(a, status.path("commit").asText());
            assertEquals(a, status.path("golden").asText());
            assertEquals("ok", status.path("last_result").asText());
            assertTrue(Files.size(Path.of(node.file(status.path("run").asText()).toString(), "events.jsonl")) > 0, "events recorded");

            // 2. Commit B adds realtime_limits, changes swappiness and has a health check that fails:
            //    applied, unhealthy, rolled back to A: A's files, and B's added role removed again.
            write(spec, node, 20, true, true);
            String b = publish(syncopated, spec, work, "B");
            Proc p2 = step("pull B (health fails)", pull(node, pull));
            assertEquals(5, p2.exitCode(), p2.toString());
            assertTrue(p2.err().contains("pull: rolling back to the golden commit " + a.substring(0, 12)), p2.err());
            assertSwappiness(node, 10);
            assertFalse(Files.exists(node.file(LIMITS)), "B's realtime_limits drop-in is removed by the rollback");
            status = status(node);
            assertEquals(a, status.path("commit").asText());
            assertEquals(a, status.path("golden").asText());
            assertEquals(b, status.path("last_commit").asText());
            assertEquals("rolled_back", status.path("last_result").asText());

            // 3. No new commit, but the last pull did not end well: B is tried again, and rolled back again.
            Proc p3 = step("pull again (retry B)", pull(node, pull));
            assertEquals(5, p3.exitCode(), p3.toString());
            assertTrue(p3.err().contains("pull: retrying " + b.substring(0, 12)), p3.err());
            assertSwappiness(node, 10);
            assertFalse(Files.exists(node.file(LIMITS)));

            // 4. Commit C fixes B: applied, healthy, golden.
            write(spec, node, 30, true, false);
            String c = publish(syncopated, spec, work, "C");
            Proc p4 = step("pull C (fix)", pull(node, pull));
            assertEquals(0, p4.exitCode(), p4.toString());
            assertSwappiness(node, 30);
            assertTrue(read(node, LIMITS).contains("Managed by syncopated"), "C keeps realtime_limits");
            status = status(node);
            assertEquals(c, status.path("golden").asText());
            assertEquals("ok", status.path("last_result").asText());

            // 5. Two pulls at once: one runs (forced, as nothing changed), the other finds the lock held.
            List<String> forced = new ArrayList<>(pull);
            forced.add("--force");
            Path out1 = tmp.resolve("pull1.out");
            Path err1 = tmp.resolve("pull1.err");
            Process first = new ProcessBuilder(node.chrooted(forced)).redirectOutput(out1.toFile()).redirectError(err1.toFile()).start();
            awaitLine(first, err1, "pull: retrying " + c.substring(0, 12));
            Proc second = step("second pull while the first runs", pull(node, pull));
            assertTrue(first.waitFor(5, TimeUnit.MINUTES), "the first pull ends");
            step("first pull (forced)", new Proc(first.exitValue(), Files.readString(out1), Files.readString(err1)));
            assertEquals(75, second.exitCode(), second.toString());
            assertTrue(second.err().contains("pull: busy: another pull is running on this node"), second.err());
            assertEquals(0, first.exitValue(), Files.readString(err1));
            assertSwappiness(node, 30);

            // 6. An invalid spec at the head (edited by hand, as publish would refuse it): nothing is applied.
            String d = commitInvalid(work);
            Proc p6 = step("pull D (invalid spec)", pull(node, pull));
            assertEquals(1, p6.exitCode(), p6.toString());
            assertTrue(p6.err().matches("(?s).*spec/stage\\.yaml:\\d+:\\d+: error: .*quantum: 100 is not a power of two.*"), p6.err());
            assertTrue(p6.err().contains("nothing was applied"), p6.err());
            assertSwappiness(node, 30);
            status = status(node);
            assertEquals(c, status.path("commit").asText());
            assertEquals(c, status.path("golden").asText());
            assertEquals(d, status.path("last_commit").asText());
            assertEquals("invalid", status.path("last_result").asText());

            // 7. fleet status reads the node's file through Ansible: on C, golden C, behind the head D.
            Proc fleetStatus = step("fleet status", syncopated.run("fleet", "status", spec.toString(), "--repo", bare.toUri().toString(),
                    "--format", "json"));
            assertEquals(1, fleetStatus.exitCode(), "the node's last pull was invalid: " + fleetStatus);
            JsonNode report = JSON.readTree(fleetStatus.out());
            assertEquals(d, report.path("head").asText(), fleetStatus.out());
            JsonNode n1 = report.path("nodes").get(0);
            assertEquals("node1", n1.path("name").asText());
            assertTrue(n1.path("enrolled").asBoolean(), fleetStatus.out());
            assertEquals(c, n1.path("commit").asText());
            assertEquals(c, n1.path("golden").asText());
            assertEquals("invalid", n1.path("last_result").asText());
            assertTrue(n1.path("behind").asBoolean(), fleetStatus.out());
            assertTrue(n1.path("age_seconds").asLong() < 600, fleetStatus.out());

            // 8. Show holds. A fake playback keeps a PCM substream RUNNING on a fixture /proc/asound (this kernel
            //    has no snd-dummy or snd-aloop): the pull of a new commit E fetches it and applies nothing.
            write(spec, node, 40, true, false);
            String e = publish(syncopated, spec, work, "E");
            Process playback = new ProcessBuilder("sleep", "600").start();
            List<String> listening = new ArrayList<>(pull);
            listening.addAll(List.of("--asound-root", "/srv/asound"));
            try {
                write(node, "/srv/asound/card0/id", "Dummy\n");
                write(node, "/srv/asound/card0/pcm0p/sub0/status", "state: RUNNING\nowner_pid   : " + playback.pid() + "\n");
                Proc p8 = step("pull E while playing", pull(node, listening));
                assertEquals(6, p8.exitCode(), p8.toString());
                assertTrue(p8.err().contains("pull: held: (playing) (ALSA card0 (Dummy) pcm0p/sub0 is RUNNING, owner pid "
                        + playback.pid() + "); " + e.substring(0, 12) + " of main waits, nothing was applied"), p8.err());
                assertSwappiness(node, 30);
                status = status(node);
                assertEquals(e, status.path("head").asText(), "a held pull still fetched: the node knows it is behind");
                assertEquals("playing", status.path("hold").path("reason").asText(), status.toString());
                assertEquals("invalid", status.path("last_result").asText(), "the last attempt's result is kept");
                JsonNode held = fleetStatus(syncopated, spec, bare);
                assertEquals("held (playing)", held.path("hold").asText(), held.toString());
                assertTrue(held.path("behind").asBoolean(), held.toString());
            } finally {
                playback.destroy();
            }
            assertTrue(playback.waitFor(10, TimeUnit.SECONDS));
            write(node, "/srv/asound/card0/pcm0p/sub0/status", "closed\n"); // as the kernel says once the player is gone

            // 9. A show hold from the workstation, through the repository: committed, pushed, read at the fetched head.
            Proc hold = step("fleet hold --for 2h", syncopated.run("fleet", "hold", spec.toString(), "--host", "node1", "--for", "2h",
                    "--repo", work.toString(), "--push"));
            assertEquals(0, hold.exitCode(), hold.toString());
            assertTrue(hold.out().matches("(?s)committed [0-9a-f]{12} on main in .*: node1 held until \\d\\d:\\d\\d .*"), hold.out());
            Proc p9 = step("pull E under the fleet hold", pull(node, listening));
            assertEquals(6, p9.exitCode(), p9.toString());
            assertTrue(p9.err().contains("pull: held: until "), p9.err());
            assertTrue(p9.err().contains("set in the fleet repository with 'syncopated fleet hold'"), p9.err());
            assertSwappiness(node, 30);
            Proc table = step("fleet status (text)", syncopated.run("fleet", "status", spec.toString(), "--repo", bare.toUri().toString()));
            assertTrue(table.out().matches("(?s).*\nnode1 .* held until \\d\\d:\\d\\d\n.*"), table.out());

            // 10. The hold released from the workstation, but one set on the node itself: still held.
            Proc release = step("fleet hold --release", syncopated.run("fleet", "hold", spec.toString(), "--host", "node1", "--release",
                    "--repo", work.toString(), "--push"));
            assertEquals(0, release.exitCode(), release.toString());
            Proc local = step("hold --for 1h (on the node)", pull(node, List.of("/usr/local/bin/syncopated", "hold", "--for", "1h")));
            assertEquals(0, local.exitCode(), local.toString());
            Proc p10 = step("pull E under the node's own hold", pull(node, listening));
            assertEquals(6, p10.exitCode(), p10.toString());
            assertTrue(p10.err().contains("set on this node with 'syncopated hold'"), p10.err());
            assertSwappiness(node, 30);

            // 11. The hold ends: the waiting commit is applied.
            Proc unhold = step("hold --release (on the node)", pull(node, List.of("/usr/local/bin/syncopated", "hold", "--release")));
            assertEquals(0, unhold.exitCode(), unhold.toString());
            Proc p11 = step("pull E after the hold", pull(node, listening));
            assertEquals(0, p11.exitCode(), p11.toString());
            assertSwappiness(node, 40);
            status = status(node);
            assertEquals("ok", status.path("last_result").asText());
            assertTrue(status.path("hold").isNull(), status.toString());
            String headNow = status.path("head").asText();
            assertEquals(headNow, status.path("golden").asText(), "the head with the released hold is golden");

            // 12. Leaving the fleet removes the timer, the units, the jar, the launcher, the packages and the pull state.
            Proc leave = step("fleet enroll --state absent", syncopated.run("fleet", "enroll", spec.toString(), "--state", "absent"));
            assertEquals(0, leave.exitCode(), leave.toString());
            for (String gone : List.of(SERVICE, TIMER, TIMER_LINK, "/usr/local/bin/syncopated", "/usr/local/lib/syncopated",
                    "/var/lib/syncopated", "/etc/syncopated/state/ansible_pull.json", "/usr/bin/ansible-pull")) {
                assertFalse(Files.exists(node.file(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " is removed");
            }
            assertSwappiness(node, 40); // the roles' own files stay: leaving the fleet is not removing the roles
        } finally {
            Path file = JarRun.PROJECT.resolve("target/real-targets/fleet-timeline.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, timeline, StandardCharsets.UTF_8);
            timeline.forEach(line -> System.out.println("[fleet] " + line));
        }
    }

    /** The spec: node1 reached by chroot, audio_sysctl, and on request realtime_limits and a failing health check. */
    private static void write(Path spec, NodeRoot node, int swappiness, boolean limits, boolean failingHealth) throws IOException {
        StringBuilder s = new StringBuilder("name: stage-fleet\nfleet:\n  repo: file:///srv/fleet.git\n  branch: main\n  interval: 15m\n")
                .append("hosts:\n  node1:\n    connection: chroot\n    address: '").append(node.path()).append("'\n")
                .append("    roles:\n      audio_sysctl: { swappiness: ").append(swappiness).append(" }\n");
        if (limits) {
            s.append("      realtime_limits: { users: [] }\n");
        }
        // cpu_isolation is what keeps the pull unit off cores 2 and 3.
        s.append("      cpu_isolation: { cores: \"2-3\" }\n");
        s.append("    health:\n      - test -f ").append(SYSCTL).append('\n');
        if (failingHealth) {
            s.append("      - { command: [test, -e, /srv/show-ready], timeout: 5s }\n");
        }
        Files.writeString(spec, s, StandardCharsets.UTF_8);
    }

    private String publish(JarRun syncopated, Path spec, Path work, String label) throws IOException {
        Proc publish = step("publish " + label, syncopated.run("publish", spec.toString(), "--repo", work.toString(), "--push",
                "--format", "json"));
        assertEquals(0, publish.exitCode(), publish.toString());
        JsonNode result = JSON.readTree(publish.out());
        assertFalse(result.path("commit").isNull(), "a changed spec makes a commit: " + publish.out());
        Proc again = syncopated.run("publish", spec.toString(), "--repo", work.toString(), "--format", "json");
        assertTrue(JSON.readTree(again.out()).path("commit").isNull(), "the same spec again makes no commit: " + again.out());
        return result.path("commit").asText();
    }

    private static String commitInvalid(Path work) throws Exception {
        Path published = work.resolve("spec/stage.yaml");
        Files.writeString(published, Files.readString(published).replace("      audio_sysctl:",
                "      pipewire: { quantum: 100 }\n      audio_sysctl:"));
        try (Git git = Git.open(work.toFile())) {
            git.add().addFilepattern("spec").call();
            String d = git.commit().setMessage("a hand edit with a mistake").setAuthor("test", "test@localhost")
                    .setCommitter("test", "test@localhost").call().getName();
            git.push().setRemote("origin").add("main").call();
            return d;
        }
    }

    private JsonNode fleetStatus(JarRun syncopated, Path spec, Path bare) throws IOException {
        Proc proc = step("fleet status", syncopated.run("fleet", "status", spec.toString(), "--repo", bare.toUri().toString(),
                "--format", "json"));
        return JSON.readTree(proc.out()).path("nodes").get(0);
    }

    private static void write(NodeRoot node, String path, String text) throws IOException {
        Files.createDirectories(node.file(path).getParent());
        Files.writeString(node.file(path), text, StandardCharsets.UTF_8);
    }

    /** This machine's CPUs, counted as the role counts them (at least up to CPU 3), without 2 and 3. */
    private static java.util.Set<Integer> housekeeping() {
        int count = Math.max(4, Runtime.getRuntime().availableProcessors());
        try {
            count = Math.max(4, Integer.parseInt(Proc.run(JarRun.PROJECT, List.of("getconf", "_NPROCESSORS_CONF")).out().strip()));
        } catch (NumberFormatException e) {
            // keep the JVM's count
        }
        java.util.Set<Integer> cpus = new java.util.TreeSet<>();
        for (int cpu = 0; cpu < count; cpu++) {
            if (cpu != 2 && cpu != 3) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    /** The CPUs of a systemd CPU list ("0,1,4-5" or "0 1"). */
    private static java.util.Set<Integer> cpus(String list) {
        java.util.Set<Integer> cpus = new java.util.TreeSet<>();
        for (String part : list.strip().split("[,\\s]+")) {
            String[] range = part.split("-");
            for (int cpu = Integer.parseInt(range[0]); cpu <= Integer.parseInt(range[range.length - 1]); cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }

    private static String unitValue(String unit, String key) {
        Matcher line = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit);
        assertTrue(line.find(), key + " in the unit:\n" + unit);
        return line.group(1);
    }

    private Proc pull(NodeRoot node, List<String> command) {
        return Proc.run(JarRun.PROJECT, node.chrooted(command));
    }

    private Proc step(String what, Proc proc) {
        timeline.add(String.format("%6.1fs  exit %-3d %s", Duration.between(start, Instant.now()).toMillis() / 1000.0,
                proc.exitCode(), what));
        return proc;
    }

    /** The arguments of the unit's ExecStart line: each double-quoted, as the role writes them. */
    private static List<String> execStart(String unit) {
        Matcher line = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(unit);
        assertTrue(line.find(), unit);
        List<String> args = new ArrayList<>();
        Matcher arg = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line.group(1));
        while (arg.find()) {
            args.add(arg.group(1).replace("%%", "%").replace("$$", "$"));
        }
        return args;
    }

    private static void awaitLine(Process process, Path stderr, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(stderr).contains(line)) {
            assertTrue(process.isAlive(), "the pull ended before '" + line + "':\n" + Files.readString(stderr));
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' within 2 min:\n" + Files.readString(stderr));
            Thread.sleep(20);
        }
    }

    private static void assertSwappiness(NodeRoot node, int expected) throws IOException {
        assertTrue(read(node, SYSCTL).contains("vm.swappiness = " + expected + "\n"), read(node, SYSCTL));
    }

    private static JsonNode status(NodeRoot node) throws IOException {
        return JSON.readTree(node.file(STATUS).toFile());
    }

    private static String read(NodeRoot node, String path) throws IOException {
        File file = node.file(path).toFile();
        assertTrue(file.isFile(), path + " exists on the node");
        return Files.readString(file.toPath());
    }
}
