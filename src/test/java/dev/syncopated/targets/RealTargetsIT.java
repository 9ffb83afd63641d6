package dev.syncopated.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.AnsibleRun;
import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.PodmanService;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * Real-target tier (DESIGN.md §6): a spec rendered by syncopated, run by real ansible-playbook
 * against a Debian 12 root filesystem through the chroot connection and against a container
 * through the docker connection, with the role's file checked inside the target and a second
 * run changing nothing. Plus a guard that applying to a chroot leaves this machine alone.
 */
class RealTargetsIT {
    private static final String DROP_IN = "/etc/sysctl.d/90-syncopated-audio.conf";
    private static final String UDEV_RULE = "/etc/udev/rules.d/60-syncopated-timers.rules";

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsAnsibleAndRoot() {
        Prerequisites.requireTool("ansible-playbook");
        DebianRoot.requireCache();
    }

    /** Writes a one-host spec using only audio_sysctl and renders it; returns the project. */
    private Path renderOneHost(String host, String connection, String address, int swappiness) throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, String.join("\n",
                "name: real-targets-" + connection,
                "hosts:",
                "  " + host + ":",
                "    connection: " + connection,
                "    address: '" + address + "'",
                "    roles:",
                "      audio_sysctl: { swappiness: " + swappiness + " }",
                ""), StandardCharsets.UTF_8);
        Path project = tmp.resolve("project");
        CliRun render = CliRun.of("render", spec.toString(), "--out", project.toString());
        assertEquals(0, render.exitCode(), render.err());
        return project;
    }

    /**
     * Ansible's environment for these runs: the rendered ansible.cfg keeps a fact cache in the state
     * directory for two hours, keyed by inventory host name; a test keeps it inside its own project
     * so runs neither read nor leave facts there.
     */
    private static Map<String, String> ansibleEnv(Path project, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("ANSIBLE_CACHE_PLUGIN_CONNECTION", project.resolve(".fact-cache").toString());
        return env;
    }

    @Test
    void audioSysctlConvergesOnAChrootAndASecondRunChangesNothing() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("chroot-converge")) {
            Path project = renderOneHost("rootfs", "chroot", root.path().toString(), 7);
            Map<String, String> env = ansibleEnv(project, Map.of());

            AnsibleRun first = AnsibleRun.playbook(project, env);

            assertTrue(first.succeeded(), first.toString());
            assertTrue(first.host("rootfs").changed() > 0, "the first run writes the drop-in: " + first);
            Path dropIn = root.file(DROP_IN);
            assertTrue(Files.isRegularFile(dropIn), DROP_IN + " exists in the root: " + first);
            String content = Files.readString(dropIn);
            assertTrue(content.contains("vm.swappiness = 7"), content);
            assertTrue(content.contains("Managed by syncopated"), content);
            assertTrue(Files.isRegularFile(root.file(UDEV_RULE)), UDEV_RULE + " exists in the root");

            AnsibleRun second = AnsibleRun.playbook(project, env);
            assertTrue(second.succeeded(), second.toString());
            assertEquals(0, second.host("rootfs").changed(), "a second run changes nothing: " + second);

            AnsibleRun check = AnsibleRun.playbook(project, env, "--check", "--diff");
            assertTrue(check.succeeded(), check.toString());
            assertEquals(0, check.host("rootfs").changed(), "--check after a run changes nothing: " + check);
        }
    }

    @Test
    void audioSysctlConvergesInAContainerAndASecondRunChangesNothing() throws Exception {
        PodmanService podman = PodmanService.get();
        String name = "syncopated-it-" + ProcessHandle.current().pid() + "-sysctl";
        try (GenericContainer<?> container = podman.container(name)) {
            long start = System.nanoTime();
            container.start();
            dev.syncopated.testing.Timings.record("start container " + name,
                    java.time.Duration.ofNanos(System.nanoTime() - start));
            assertDockerCliReaches(podman, name);
            Path project = renderOneHost("box", "container", name, 9);
            Map<String, String> env = ansibleEnv(project, podman.env());

            AnsibleRun first = AnsibleRun.playbook(project, env);

            assertTrue(first.succeeded(), first.toString());
            assertTrue(first.host("box").changed() > 0, "the first run writes the drop-in: " + first);
            ExecResult cat = container.execInContainer("cat", DROP_IN);
            assertEquals(0, cat.getExitCode(), DROP_IN + " exists in the container: " + cat.getStderr());
            assertTrue(cat.getStdout().contains("vm.swappiness = 9"), cat.getStdout());

            AnsibleRun second = AnsibleRun.playbook(project, env);
            assertTrue(second.succeeded(), second.toString());
            assertEquals(0, second.host("box").changed(), "a second run changes nothing: " + second);
        }
    }

    /**
     * What Ansible's community.docker.docker connection does, with the docker CLI against podman's
     * socket: {@code docker exec -i … dd of=} to put a file, {@code docker cp} to fetch one.
     */
    private void assertDockerCliReaches(PodmanService podman, String name) throws IOException {
        Path local = tmp.resolve("probe.txt");
        Files.writeString(local, "through the docker CLI\n");
        Proc put = Proc.run(tmp, podman.env(), List.of("bash", "-c",
                "docker exec -i \"$1\" /bin/sh -c 'dd of=/tmp/probe.txt bs=65536' < \"$2\"", "put", name, local.toString()));
        assertEquals(0, put.exitCode(), "docker exec -i against podman: " + put);
        Path fetched = Files.createDirectories(tmp.resolve("fetched"));
        Proc cp = Proc.run(tmp, podman.env(), List.of("docker", "cp", name + ":/tmp/probe.txt", fetched.toString()));
        assertEquals(0, cp.exitCode(), "docker cp against podman: " + cp);
        assertEquals("through the docker CLI\n", Files.readString(fetched.resolve("probe.txt")));
    }

    @Test
    void applyingToAChrootLeavesThisMachineAlone() throws IOException {
        HostSnapshot before = HostSnapshot.take();
        try (DebianRoot root = DebianRoot.fresh("chroot-safety")) {
            // A swappiness unlike any sane host value, so a leak into the host would show.
            Path project = renderOneHost("guarded", "chroot", root.path().toString(), 3);

            AnsibleRun run = AnsibleRun.playbook(project, ansibleEnv(project, Map.of()));

            assertTrue(run.succeeded(), run.toString());
            assertTrue(Files.isRegularFile(root.file(DROP_IN)), "the role did write into the root");
        }
        HostSnapshot after = HostSnapshot.take();
        System.out.println("[safety] compared: " + before.describe());
        assertEquals(before.sysctl(), after.sysctl(), "sysctl values of this machine changed");
        assertEquals(before.modules(), after.modules(), "loaded kernel modules of this machine changed");
        assertEquals(before.services(), after.services(), "running services of this machine changed");
        assertEquals(before.ownedFiles(), after.ownedFiles(), "files in this machine's drop-in directories changed");
        assertFalse(after.ownedFiles().containsKey(DROP_IN) && !before.ownedFiles().containsKey(DROP_IN),
                "the drop-in landed on this machine");
    }
}
