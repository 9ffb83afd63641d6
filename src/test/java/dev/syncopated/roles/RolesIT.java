package dev.syncopated.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.PodmanService;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import dev.syncopated.testing.Timings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;

/**
 * The roles on real Debian 12 targets (DESIGN.md §3 role contract, §6 real-target tier), through
 * specs rendered by {@code syncopated render} and real ansible-playbook:
 * <ul>
 *   <li>each role alone on its own fresh chroot: present → files, lines and packages → present again
 *   changes nothing → {@code --check} changes nothing → info reports {@code <role>_findings} →
 *   absent → its files gone, nothing managed left, nothing else under /etc touched;</li>
 *   <li>all nine together on a chroot and in a container, the same steps plus the resulting kernel
 *   command line; the chroot run also proves that this machine's kernel tunables, modules, services
 *   and drop-in files stayed as they were.</li>
 * </ul>
 * Expectations are data: {@code src/test/resources/roles/<role>.yaml} (see the README there). The
 * results table is printed at the end and written to {@code target/real-targets/roles-matrix.txt}.
 *
 * <p>For local work, {@code SYNCOPATED_ROLES_IT_ONLY=rtirq,pipewire} limits the per-role runs to
 * those roles (refused under CI=true, where everything must run).
 */
class RolesIT {
    private static final String DROP_IN = "/etc/default/grub.d/99-syncopated.cfg";
    private static final String ONLY = System.getenv().getOrDefault("SYNCOPATED_ROLES_IT_ONLY", "").strip();

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireTool("ansible-playbook");
        DebianRoot.requireCache();
        if (!ONLY.isEmpty()) {
            assertTrue(!Prerequisites.inCi(), "SYNCOPATED_ROLES_IT_ONLY=" + ONLY + " must not be set in CI: every role runs there");
            System.out.println("[roles] SYNCOPATED_ROLES_IT_ONLY=" + ONLY + ": the per-role matrix runs only these roles");
        }
    }

    @AfterAll
    static void printMatrix() {
        Matrix.write();
    }

    /** The roles for the per-role matrix: every expectations file (unless limited for local work). */
    static Stream<RoleExpectations> roles() {
        Set<String> only = ONLY.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(ONLY.split("[,\\s]+")));
        return RoleExpectations.all().stream().filter(r -> only.isEmpty() || only.contains(r.role()));
    }

    /**
     * Runs the whole life cycle, with the kernel command line checked after present, after the
     * second present and after absent; {@code afterPresent} runs right after the first present.
     */
    private static void lifecycle(Lifecycle lc, Runnable afterPresent) {
        lc.snapshotBefore();
        lc.present();
        afterPresent.run();
        lc.assertPresentState();
        assertOneKernelCommandLine(lc);
        lc.presentAgain();
        assertOneKernelCommandLine(lc); // a no-op run must not add the parts again
        lc.check();
        lc.info();
        lc.absent();
        assertEquals(List.of("quiet"), lc.kernelCmdline(), lc.row() + ": after absent the command line is the distro's again");
        lc.assertAbsentState();
    }

    /**
     * The command line grub-mkconfig would assemble is the distro's ("quiet") plus exactly the
     * expected parts of the roles (rt_kernel, cpu_isolation, cpu_power), each once, and the drop-in
     * appends them to the distro's line; roles that add no parts leave no drop-in.
     */
    private static void assertOneKernelCommandLine(Lifecycle lc) {
        List<String> line = lc.kernelCmdline();
        List<String> want = new ArrayList<>(List.of("quiet"));
        want.addAll(lc.expectedCmdlineParts());
        Map<String, Long> counts = line.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), lc.row() + ": parts appear more than once in the kernel command line " + line + ": " + twice);
        assertEquals(new TreeSet<>(want), new TreeSet<>(line),
                lc.row() + ": the kernel command line (GRUB_CMDLINE_LINUX_DEFAULT after /etc/default/grub and grub.d/*.cfg)");
        assertEquals("quiet", line.get(0), lc.row() + ": the distro's own arguments come first: " + line);
        Proc dropIn = lc.target().sh("cat " + DROP_IN);
        if (want.size() == 1) {
            assertTrue(dropIn.exitCode() != 0, lc.row() + ": no kernel parameters, yet there is " + DROP_IN + ":\n" + dropIn.out());
            return;
        }
        assertEquals(0, dropIn.exitCode(), lc.row() + ": " + DROP_IN + " is missing");
        assertTrue(dropIn.out().lines().anyMatch(l -> l.startsWith("GRUB_CMDLINE_LINUX_DEFAULT=\"${GRUB_CMDLINE_LINUX_DEFAULT} ")),
                lc.row() + ": the drop-in appends to the distro's line:\n" + dropIn.out());
        assertTrue(dropIn.out().toLowerCase().contains("managed by syncopated"), lc.row() + ": the drop-in says who manages it");
        System.out.println("[roles] " + lc.row() + ": kernel command line: " + String.join(" ", line));
    }

    private static void timed(String what, Runnable body) {
        long start = System.nanoTime();
        try {
            body.run();
        } finally {
            Timings.record("roles test: " + what, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Nested
    @DisplayName("each role alone on a Debian 12 chroot")
    class EachRoleAloneOnAChroot {
        @ParameterizedTest(name = "{0}: present, again, --check, info, absent")
        @MethodSource("dev.syncopated.roles.RolesIT#roles")
        void lifecycle(RoleExpectations role, @TempDir Path tmp) {
            timed(role.role() + " on a chroot", () -> {
                try (DebianRoot root = DebianRoot.fresh("roles-" + role.role())) {
                    Target target = new Target.Chroot(root);
                    target.prepare();
                    RolesIT.lifecycle(new Lifecycle(target, List.of(role), tmp, role.role() + " / chroot"), () -> { });
                }
            });
        }
    }

    @Nested
    @DisplayName("all nine roles together")
    class AllNineTogether {
        @Test
        @DisplayName("on a chroot: one kernel command line, and this machine is left alone")
        void onAChroot(@TempDir Path tmp) {
            timed("all nine on a chroot", () -> {
                ThisMachine before = ThisMachine.take();
                ThisMachine[] afterPresent = new ThisMachine[1];
                AssertionError failure = null;
                try (DebianRoot root = DebianRoot.fresh("roles-all-nine")) {
                    Target target = new Target.Chroot(root);
                    target.prepare();
                    RolesIT.lifecycle(new Lifecycle(target, RoleExpectations.all(), tmp, "all nine / chroot"),
                            () -> afterPresent[0] = ThisMachine.take());
                } catch (AssertionError e) {
                    failure = e;
                }
                ThisMachine after = ThisMachine.take();
                List<String> changed = new ArrayList<>();
                if (afterPresent[0] != null) {
                    changed.addAll(differences("after present", before, afterPresent[0]));
                }
                changed.addAll(differences("after absent", before, after));
                System.out.println("[roles] this machine, compared before present, after present and after absent: "
                        + before.describe());
                String swappiness = before.sysctl().get("vm.swappiness");
                if ("10".equals(swappiness)) {
                    System.out.println("[roles] note: this machine already has vm.swappiness = 10, the value audio_sysctl writes;"
                            + " a leak of that key would not show");
                }
                if (failure != null) {
                    if (!changed.isEmpty()) {
                        failure.addSuppressed(new AssertionError("this machine changed: " + changed));
                    }
                    throw failure;
                }
                assertTrue(changed.isEmpty(), "applying all nine roles to a chroot changed this machine:\n  "
                        + String.join("\n  ", changed));
            });
        }

        @Test
        @DisplayName("in a container: one kernel command line")
        void inAContainer(@TempDir Path tmp) {
            timed("all nine in a container", () -> {
                PodmanService podman = PodmanService.get();
                String name = "syncopated-roles-" + ProcessHandle.current().pid();
                try (GenericContainer<?> container = podman.container(name)) {
                    long start = System.nanoTime();
                    container.start();
                    Timings.record("start container " + name, Duration.ofNanos(System.nanoTime() - start));
                    Target target = new Target.Container(podman, container, name);
                    target.prepare();
                    RolesIT.lifecycle(new Lifecycle(target, RoleExpectations.all(), tmp, "all nine / container"), () -> { });
                }
            });
        }
    }

    private static List<String> differences(String when, ThisMachine before, ThisMachine now) {
        List<String> diffs = new ArrayList<>();
        Map<String, Object> a = before.parts();
        Map<String, Object> b = now.parts();
        for (String part : ThisMachine.PARTS) {
            if (a.get(part) instanceof Map<?, ?> ma && b.get(part) instanceof Map<?, ?> mb) {
                Set<Object> keys = new TreeSet<>(ma.keySet());
                keys.addAll(mb.keySet());
                for (Object k : keys) {
                    if (!java.util.Objects.equals(ma.get(k), mb.get(k))) {
                        diffs.add(when + ": " + part + " " + k + ": " + ma.get(k) + " -> " + mb.get(k));
                    }
                }
            } else if (!a.get(part).equals(b.get(part))) {
                diffs.add(when + ": " + part + ": " + a.get(part) + " -> " + b.get(part));
            }
        }
        return diffs;
    }
}
