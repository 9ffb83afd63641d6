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
 * test reads the node's files: what a commit's roles wrote, and the node's status file.
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
    void publishPullRollBackRetryFixBusyInvalidThenLeave() throws Exception {
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

            // 8. Leaving the fleet removes the timer, the units, the jar, the launcher, the packages and the pull state.
            Proc leave = step("fleet enroll --state absent", syncopated.run("fleet", "enroll", spec.toString(), "--state", "absent"));
            assertEquals(0, leave.exitCode(), leave.toString());
            for (String gone : List.of(SERVICE, TIMER, TIMER_LINK, "/usr/local/bin/syncopated", "/usr/local/lib/syncopated",
                    "/var/lib/syncopated", "/etc/syncopated/state/ansible_pull.json", "/usr/bin/ansible-pull")) {
                assertFalse(Files.exists(node.file(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " is removed");
            }
            assertSwappiness(node, 30); // the roles' own files stay: leaving the fleet is not removing the roles
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
