package dev.syncopated.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.PodmanService;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import dev.syncopated.testing.SshTarget;
import dev.syncopated.testing.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * {@code syncopated apply}, {@code info} and {@code runs} as a user runs them: the built jar through
 * {@code bin/syncopated}, as a separate process, against real targets (DESIGN.md §5, §6): a
 * Debian 12 root through the chroot connection, a container through the docker connection, and
 * sshd running in a root on a loopback address ({@link SshTarget}). Every run gets its own HOME
 * and XDG_STATE_HOME, so neither run records nor Ansible's fact cache touch this user's own.
 */
class ApplyIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("syncopated.jar", "target/syncopated.jar")).toAbsolutePath();
    private static final String SYSCTL_DROP_IN = "/etc/sysctl.d/90-syncopated-audio.conf";
    private static final String LIMITS_DROP_IN = "/etc/security/limits.d/99-syncopated-realtime.conf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_RECORD = Pattern.compile("run record (\\S+)");

    @TempDir
    Path tmp;

    private Path home;
    private Path state;

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireTool("ansible-playbook");
        Prerequisites.require(Files.isRegularFile(JAR), JAR + " is not built (mvn package)");
        DebianRoot.requireCache();
    }

    @BeforeEach
    void ownHome() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        state = Files.createDirectories(tmp.resolve("state"));
    }

    // ---------------------------------------------------------------- a. converge, no-op, verify

    @Test
    void chrootConvergesThenANoOpApplyThenVerify() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("apply-chroot")) {
            Path spec = spec("apply-chroot", host("rootfs", "chroot", root.path().toString(), null, null, 7, "[root]"));

            convergeNoOpVerify(spec, "rootfs", Map.of(), path -> readIfExists(root.file(path)));

            // f. the three runs are on record, newest first, with the status each ended with.
            JsonNode runs = runsList();
            assertEquals(3, runs.size(), runs.toPrettyString());
            assertEquals(List.of("ok", "ok", "changed"), statuses(runs), runs.toPrettyString());
            for (JsonNode run : runs) {
                assertEquals("apply", run.path("command").asText().split(" ")[0], run.toPrettyString());
                assertTrue(run.path("command").asText().contains(spec.toString()), run.toPrettyString());
            }
        }
    }

    @Test
    void containerConvergesThenANoOpApplyThenVerify() throws Exception {
        PodmanService podman = PodmanService.get();
        String name = "syncopated-apply-it-" + ProcessHandle.current().pid();
        try (GenericContainer<?> container = podman.container(name)) {
            long start = System.nanoTime();
            container.start();
            Timings.record("start container " + name, Duration.ofNanos(System.nanoTime() - start));
            Path spec = spec("apply-container", host("box", "container", name, null, null, 8, "[root]"));

            convergeNoOpVerify(spec, "box", podman.env(), path -> {
                try {
                    ExecResult cat = container.execInContainer("cat", path);
                    return cat.getExitCode() == 0 ? cat.getStdout() : null;
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError("docker exec cat " + path, e);
                }
            });
        }
    }

    @Test
    void sshHostConvergesThenANoOpApplyThenVerify() throws IOException {
        try (SshTarget ssh = SshTarget.start("apply", tmp)) {
            Path spec = spec("apply-ssh", host("studio", "ssh", ssh.address(), ssh.port(), "root", 9, "[root]"));

            convergeNoOpVerify(spec, "studio", ssh.env(), path -> readIfExists(ssh.root().file(path)));

            assertTrue(ssh.isRunning(), "sshd still serves after three runs");
        }
    }

    /** First apply changes things, a second changes nothing, apply --verify exits 0. */
    private void convergeNoOpVerify(Path spec, String host, Map<String, String> env, TargetFiles files) throws IOException {
        Proc first = syncopated(env, "apply", spec.toString(), "--format", "json");
        assertEquals(0, first.exitCode(), first.toString());
        JsonNode summary = json(first);
        assertEquals("changed", summary.path("status").asText(), first.toString());
        JsonNode h = hostNode(summary, host);
        assertTrue(h.path("changed").asInt() > 0, "the first run changes the host: " + first);
        assertEquals(0, h.path("failed").asInt(), first.toString());
        assertEquals(0, h.path("unreachable").asInt(), first.toString());
        assertEquals(List.of("realtime_limits", "audio_sysctl"), roleNames(h), "roles in apply order: " + first);
        assertTrue(Files.isDirectory(Path.of(summary.path("run").asText())), "the run record exists: " + first);

        String sysctl = files.read(SYSCTL_DROP_IN);
        assertNotNull(sysctl, SYSCTL_DROP_IN + " exists on the target after apply: " + first);
        int swappiness = swappinessOf(spec);
        assertTrue(sysctl.contains("vm.swappiness = " + swappiness), sysctl);
        String limits = files.read(LIMITS_DROP_IN);
        assertNotNull(limits, LIMITS_DROP_IN + " exists on the target after apply: " + first);
        assertTrue(Pattern.compile("@audio\\s+-\\s+rtprio\\s+95").matcher(limits).find(), limits);

        Proc again = syncopated(env, "apply", spec.toString(), "--format", "json");
        assertEquals(0, again.exitCode(), again.toString());
        JsonNode noOp = json(again);
        assertEquals("ok", noOp.path("status").asText(), again.toString());
        assertEquals(0, hostNode(noOp, host).path("changed").asInt(), "a second apply changes nothing: " + again);
        for (JsonNode role : hostNode(noOp, host).path("roles")) {
            assertEquals(0, role.path("changed").asInt(), role.toPrettyString());
        }

        Proc verify = syncopated(env, "apply", spec.toString(), "--verify");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.err().contains("verifying: running again in check mode"), verify.toString());
        assertTrue(verify.err().contains("ok: nothing changed"), verify.toString());
        assertFalse(verify.out().contains("not idempotent"), verify.toString());
        assertTrue(verify.out().lines().anyMatch(l -> l.matches(host + "\\s+audio_sysctl\\s+present\\s+\\d+\\s+0\\s+0\\s+\\d+")),
                "recap row for " + host + "/audio_sysctl with changed 0, failed 0: " + verify);
        assertEquals("ok", readSummary(runDirOf(verify)).path("status").asText());
    }

    // ---------------------------------------------------------------- b. a failing task

    @Test
    void aFailingTaskNamesItsFileLineAndMessage() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("apply-fail")) {
            Path spec = spec("apply-fail", host("rootfs", "chroot", root.path().toString(), null, null, 7, "[root, nosuchuser]"));

            Proc run = syncopated(Map.of(), "apply", spec.toString());

            assertEquals(1, run.exitCode(), run.toString());
            Matcher failed = Pattern.compile("(?m)^failed: rootfs\\s+realtime_limits\\s+task \"([^\"]+)\" at "
                    + "(roles/realtime_limits/tasks/[a-z_]+\\.yml):(\\d+)\\n(.*)$").matcher(run.out());
            assertTrue(failed.find(), "a failed: line with the role's file:line, then the message: " + run);
            assertEquals("Check that the listed users exist", failed.group(1), run.toString());
            String message = failed.group(4);
            assertTrue(message.contains("nosuchuser") && message.contains("do not exist"), "the module's message: " + run);
            assertFalse(message.contains("root,") || message.matches(".*\\broot\\b.*"), "only the missing user is named: " + message);
            // file:line points at that very task in the run's copy of the role.
            Path runDir = runDirOf(run);
            List<String> taskFile = Files.readAllLines(runDir.resolve("project").resolve(failed.group(2)));
            int line = Integer.parseInt(failed.group(3));
            assertTrue(line >= 1 && line <= taskFile.size(), failed.group(0));
            assertTrue(taskFile.get(line - 1).contains("- name: Check that the listed users exist"),
                    failed.group(2) + ":" + line + " is '" + taskFile.get(line - 1) + "'");
            assertTrue(run.err().contains("failed: see the failures above"), run.toString());

            JsonNode summary = readSummary(runDir);
            assertEquals("failed", summary.path("status").asText(), summary.toPrettyString());
            JsonNode h = hostNode(summary, "rootfs");
            assertEquals(1, h.path("failed").asInt(), summary.toPrettyString());
            assertFalse(Files.exists(root.file(LIMITS_DROP_IN)), "nothing written after the failed check");
        }
    }

    // ---------------------------------------------------------------- c. unreachable beside healthy

    @Test
    void anUnreachableHostExitsFourAndTheHealthyOneIsConfigured() throws IOException {
        try (SshTarget ssh = SshTarget.start("healthy", tmp)) {
            SshTarget.Endpoint dead = SshTarget.nothingListening();
            Path spec = spec("apply-unreachable",
                    host("alive", "ssh", ssh.address(), ssh.port(), "root", 12, "[root]")
                            + host("gone", "ssh", dead.address(), dead.port(), "root", 12, "[root]"));

            Proc run = syncopated(ssh.env(), "apply", spec.toString());

            assertEquals(4, run.exitCode(), run.toString());
            assertTrue(run.err().contains("unreachable: [gone]"), run.toString());
            JsonNode summary = readSummary(runDirOf(run));
            assertEquals("unreachable", summary.path("status").asText(), summary.toPrettyString());
            assertTrue(hostNode(summary, "gone").path("unreachable").asInt() > 0, summary.toPrettyString());
            JsonNode alive = hostNode(summary, "alive");
            assertEquals(0, alive.path("unreachable").asInt(), summary.toPrettyString());
            assertEquals(0, alive.path("failed").asInt(), summary.toPrettyString());
            assertTrue(alive.path("changed").asInt() > 0, summary.toPrettyString());
            String sysctl = readIfExists(ssh.root().file(SYSCTL_DROP_IN));
            assertNotNull(sysctl, "the healthy host was configured: " + run);
            assertTrue(sysctl.contains("vm.swappiness = 12"), sysctl);
            assertTrue(Files.isRegularFile(ssh.root().file(LIMITS_DROP_IN)), "the healthy host was configured: " + run);
        }
    }

    // ---------------------------------------------------------------- d. info findings

    @Test
    void infoReportsTheConfiguredValuesAfterAnApply() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("apply-info")) {
            Path spec = spec("apply-info", host("rootfs", "chroot", root.path().toString(), null, null, 23, "[root]"));

            Proc before = syncopated(Map.of(), "info", spec.toString(), "--format", "json");
            assertEquals(0, before.exitCode(), before.toString());
            JsonNode sysctlBefore = findings(json(before), "rootfs", "audio_sysctl");
            assertFalse(sysctlBefore.path("configured").path("swappiness").asInt(-1) == 23, sysctlBefore.toPrettyString());

            Proc apply = syncopated(Map.of(), "apply", spec.toString());
            assertEquals(0, apply.exitCode(), apply.toString());

            Proc info = syncopated(Map.of(), "info", spec.toString(), "--format", "json");
            assertEquals(0, info.exitCode(), info.toString());
            JsonNode doc = json(info);
            JsonNode sysctl = findings(doc, "rootfs", "audio_sysctl");
            assertEquals(23, sysctl.path("configured").path("swappiness").asInt(), sysctl.toPrettyString());
            assertEquals(524288, sysctl.path("configured").path("inotify_watches").asInt(), sysctl.toPrettyString());
            assertEquals(SYSCTL_DROP_IN, sysctl.path("config_file").asText(), sysctl.toPrettyString());
            assertTrue(sysctl.path("offline").asBoolean(), "a chroot is reported offline: " + sysctl.toPrettyString());
            JsonNode limits = findings(doc, "rootfs", "realtime_limits");
            assertTrue(limits.path("users").path("root").path("in_group").asBoolean(), limits.toPrettyString());
            assertTrue(limits.path("limits_files").has(LIMITS_DROP_IN), limits.toPrettyString());

            // info changes nothing, and is on record like apply.
            JsonNode runs = runsList();
            assertEquals(List.of("ok", "changed", "ok"), statuses(runs), runs.toPrettyString());
            assertEquals("info", runs.get(0).path("command").asText().split(" ")[0], runs.toPrettyString());
        }
    }

    // ---------------------------------------------------------------- e. interrupts

    @Test
    void sigtermStopsTheRunAndItsProcessesAndRecordsInterrupted() throws Exception {
        List<DebianRoot> roots = roots("apply-int", 4);
        try {
            Path spec = manyHostSpec("apply-interrupt", roots);
            Path stdout = tmp.resolve("interrupt.out");
            Path stderr = tmp.resolve("interrupt.err");
            ProcessBuilder pb = new ProcessBuilder(PROJECT.resolve("bin/syncopated").toString(), "apply", spec.toString())
                    .directory(PROJECT.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().putAll(baseEnv(Map.of()));
            Process process = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(stderr).contains("play: ")) {
                    if (!process.isAlive()) {
                        fail("the run ended (exit " + process.exitValue() + ") before it could be interrupted:\n"
                                + Files.readString(stderr) + Files.readString(stdout));
                    }
                    assertTrue(System.nanoTime() < deadline, "no 'play:' line within 120 s: " + Files.readString(stderr));
                    Thread.sleep(20);
                }
                Path runDir = runDirOf(Files.readString(stderr));
                assertTrue(ansibleProcessesOf(runDir, roots).size() > 0, "Ansible is running when SIGTERM is sent");

                process.destroy(); // SIGTERM to the syncopated JVM (bin/syncopated execs java)
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "syncopated exits after SIGTERM");
                String err = Files.readString(stderr);
                String out = Files.readString(stdout);
                assertEquals(130, process.exitValue(), out + err);
                assertTrue(err.contains("interrupted (SIGTERM)"), err);

                assertNoProcessLeft(runDir, roots);
                assertInterruptedOnRecord(runDir);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            roots.forEach(DebianRoot::close);
        }
    }

    @Test
    void aTimeoutStopsTheRunWithExit130() throws Exception {
        List<DebianRoot> roots = roots("apply-timeout", 4);
        try {
            Path spec = manyHostSpec("apply-timeout", roots);

            Proc run = syncopated(Map.of(), "apply", spec.toString(), "--timeout", "2s");

            assertEquals(130, run.exitCode(), run.toString());
            assertTrue(run.err().contains("--timeout"), run.toString());
            Path runDir = runDirOf(run);
            assertNoProcessLeft(runDir, roots);
            assertInterruptedOnRecord(runDir);
        } finally {
            roots.forEach(DebianRoot::close);
        }
    }

    private void assertInterruptedOnRecord(Path runDir) throws IOException {
        assertEquals("interrupted", readSummary(runDir).path("status").asText());
        JsonNode runs = runsList();
        String id = runDir.getFileName().toString();
        JsonNode mine = null;
        for (JsonNode run : runs) {
            if (run.path("id").asText().equals(id)) {
                mine = run;
            }
        }
        assertNotNull(mine, "runs list shows " + id + ": " + runs.toPrettyString());
        assertEquals("interrupted", mine.path("status").asText(), mine.toPrettyString());
        Proc text = syncopated(Map.of(), "runs", "list");
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("interrupted")), text.toString());
    }

    private static void assertNoProcessLeft(Path runDir, List<DebianRoot> roots) throws InterruptedException {
        List<String> left = ansibleProcessesOf(runDir, roots);
        assertTrue(left.isEmpty(), "processes of the run left after syncopated exited: " + left);
        Thread.sleep(1000); // and nothing shows up late (a forked worker) either
        left = ansibleProcessesOf(runDir, roots);
        assertTrue(left.isEmpty(), "processes of the run alive a second later: " + left);
    }

    /**
     * Processes that belong to the run: any whose command line, working directory or environment
     * (ANSIBLE_CONFIG=RUN/project/ansible.cfg, inherited by every worker and module) names the run
     * directory, or whose root directory is one of the run's chroot targets.
     */
    private static List<String> ansibleProcessesOf(Path runDir, List<DebianRoot> roots) {
        String run = runDir.toString();
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            Path proc = Path.of("/proc", String.valueOf(p.pid()));
            try {
                String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                String environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
                String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
                String rootDir = Files.readSymbolicLink(proc.resolve("root")).toString();
                boolean inRoot = roots.stream().anyMatch(r -> r.path().toString().equals(rootDir));
                if (cmdline.contains(run) || environ.contains(run) || cwd.startsWith(run) || inRoot) {
                    found.add(p.pid() + ": " + cmdline.strip());
                }
            } catch (IOException | SecurityException gone) {
                // exited while we looked, or not ours to read
            }
        });
        return found;
    }

    // ---------------------------------------------------------------- f. runs list / show

    @Test
    void runsListAndShowDescribeTheRecords() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("apply-runs")) {
            Path spec = spec("apply-runs", host("rootfs", "chroot", root.path().toString(), null, null, 5, "[root]"));
            Proc apply = syncopated(Map.of(), "apply", spec.toString());
            assertEquals(0, apply.exitCode(), apply.toString());
            Path runDir = runDirOf(apply);
            String id = runDir.getFileName().toString();

            JsonNode runs = runsList();
            assertEquals(1, runs.size(), runs.toPrettyString());
            assertEquals(id, runs.get(0).path("id").asText());
            assertEquals("changed", runs.get(0).path("status").asText());
            assertEquals(runDir.toString(), runs.get(0).path("dir").asText());
            for (String file : List.of("command.json", "summary.json", "events.jsonl", "ansible-stdout.log",
                    "ansible-stderr.log", "project/ansible.cfg", "project/playbooks/site.yml", "spec")) {
                assertTrue(Files.exists(runDir.resolve(file)), "the record holds " + file);
            }

            Proc show = syncopated(Map.of(), "runs", "show", id);
            assertEquals(0, show.exitCode(), show.toString());
            assertTrue(show.out().contains("run:     " + id), show.out());
            assertTrue(show.out().contains("status:  changed"), show.out());
            assertTrue(show.out().lines().anyMatch(l -> l.matches("\\s+rootfs: ok=\\d+ changed=[1-9]\\d* failed=0 unreachable=0 skipped=\\d+")),
                    show.out());
            assertTrue(show.out().lines().anyMatch(l -> l.matches("\\s+audio_sysctl\\s+present\\s+ok=\\d+ changed=[1-9]\\d* failed=0 skipped=\\d+")),
                    show.out());

            Proc missing = syncopated(Map.of(), "runs", "show", "20000101T000000Z-000000");
            assertEquals(2, missing.exitCode(), missing.toString());
            assertTrue(missing.err().contains("no run '20000101T000000Z-000000'"), missing.toString());

            // The command as the user typed it: "apply SPEC", once.
            Proc list = syncopated(Map.of(), "runs", "list");
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("changed")), list.out());
            assertEquals("apply " + spec, runs.get(0).path("command").asText(),
                    "runs list names the command once (command.json args already start with the subcommand)");
        }
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface TargetFiles {
        /** The content of a file on the target, or null when it does not exist. */
        String read(String path);
    }

    private Map<String, String> baseEnv(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("SYNCOPATED_JAR", JAR.toString());
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", state.toString());
        env.put("TERM", "dumb");
        env.putAll(extra);
        return env;
    }

    private Proc syncopated(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/syncopated").toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Proc proc = Proc.run(PROJECT, baseEnv(env), command);
        if (args.length > 0 && (args[0].equals("apply") || args[0].equals("info"))) {
            Timings.record("syncopated " + String.join(" ", args).replace(tmp.toString(), "TMP"),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        return proc;
    }

    private JsonNode runsList() {
        Proc list = syncopated(Map.of(), "runs", "list", "--format", "json");
        assertEquals(0, list.exitCode(), list.toString());
        return json(list);
    }

    private static List<String> statuses(JsonNode runs) {
        List<String> s = new ArrayList<>();
        runs.forEach(r -> s.add(r.path("status").asText()));
        return s;
    }

    private static JsonNode json(Proc proc) {
        try {
            return JSON.readTree(proc.out());
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + proc, e);
        }
    }

    private static JsonNode hostNode(JsonNode summary, String host) {
        for (JsonNode h : summary.path("hosts")) {
            if (h.path("name").asText().equals(host)) {
                return h;
            }
        }
        throw new AssertionError("no host '" + host + "' in " + summary.toPrettyString());
    }

    private static List<String> roleNames(JsonNode host) {
        List<String> names = new ArrayList<>();
        host.path("roles").forEach(r -> names.add(r.path("role").asText()));
        return names;
    }

    private static JsonNode findings(JsonNode info, String host, String role) {
        for (JsonNode r : hostNode(info, host).path("roles")) {
            if (r.path("role").asText().equals(role)) {
                JsonNode f = r.path("findings");
                assertTrue(f.isObject(), role + " has findings: " + info.toPrettyString());
                return f;
            }
        }
        throw new AssertionError("no role '" + role + "' for " + host + " in " + info.toPrettyString());
    }

    private static Path runDirOf(Proc proc) {
        return runDirOf(proc.err());
    }

    private static Path runDirOf(String stderr) {
        Matcher m = RUN_RECORD.matcher(stderr);
        assertTrue(m.find(), "stderr names the run record: " + stderr);
        return Path.of(m.group(1));
    }

    private static JsonNode readSummary(Path runDir) throws IOException {
        Path file = runDir.resolve("summary.json");
        assertTrue(Files.isRegularFile(file), "the run record has " + file);
        return JSON.readTree(file.toFile());
    }

    private static String readIfExists(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int swappinessOf(Path spec) throws IOException {
        Matcher m = Pattern.compile("swappiness: (\\d+)").matcher(Files.readString(spec));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** One host entry of a spec with audio_sysctl and realtime_limits. */
    private static String host(String name, String connection, String address, Integer port, String user, int swappiness,
                               String users) {
        StringBuilder s = new StringBuilder("  " + name + ":\n    connection: " + connection + "\n    address: '" + address + "'\n");
        if (port != null) {
            s.append("    port: ").append(port).append('\n');
        }
        if (user != null) {
            s.append("    user: ").append(user).append('\n');
        }
        if (connection.equals("ssh")) {
            // The SSH test host is a root filesystem served by sshd on this machine, not a running system.
            s.append("    offline: true\n");
        }
        s.append("    roles:\n      audio_sysctl: { swappiness: ").append(swappiness).append(" }\n")
                .append("      realtime_limits: { users: ").append(users).append(" }\n");
        return s.toString();
    }

    private Path spec(String name, String hosts) throws IOException {
        Path spec = tmp.resolve(name + ".yaml");
        Files.writeString(spec, "name: " + name + "\nhosts:\n" + hosts, StandardCharsets.UTF_8);
        return spec;
    }

    private static List<DebianRoot> roots(String label, int n) {
        List<DebianRoot> roots = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                roots.add(DebianRoot.fresh(label + "-" + i));
            }
            return roots;
        } catch (RuntimeException | Error e) {
            roots.forEach(DebianRoot::close);
            throw e;
        }
    }

    /** Enough work that a run lasts a few seconds: both roles on several chroot hosts. */
    private Path manyHostSpec(String name, List<DebianRoot> roots) throws IOException {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < roots.size(); i++) {
            hosts.append(host("rootfs" + i, "chroot", roots.get(i).path().toString(), null, null, 10 + i, "[root]"));
        }
        return spec(name, hosts.toString());
    }
}
