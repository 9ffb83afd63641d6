package dev.syncopated.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.JarRun;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight, against a real root that lacks Python and systemd: before any role runs, the host
 * stops with every gap named and how to fix it, the other host goes on, and the exit code is 3.
 */
class PreflightIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireTool("ansible-playbook");
        JarRun.requireJar();
        DebianRoot.requireCache();
        Prerequisites.require(DebianRoot.runningAsRoot(), "chroot targets need root");
    }

    @Test
    void aRootWithoutPythonAndSystemdIsStoppedWithEveryGapAndTheOtherHostGoesOn() throws IOException {
        try (DebianRoot bare = DebianRoot.fresh("preflight-bare"); DebianRoot good = DebianRoot.fresh("preflight-good")) {
            for (String gone : List.of("/usr/bin/python3", "/usr/bin/python3.11", "/usr/bin/systemctl", "/bin/systemctl")) {
                Files.deleteIfExists(bare.file(gone));
            }
            Path spec = tmp.resolve("stage.yaml");
            Files.writeString(spec, "name: preflight\nhosts:\n"
                    + "  bare:\n    connection: chroot\n    address: '" + bare.path() + "'\n"
                    + "    roles:\n      cpu_power: present\n      audio_sysctl: present\n"
                    + "  good:\n    connection: chroot\n    address: '" + good.path() + "'\n"
                    + "    roles:\n      audio_sysctl: present\n");

            Proc run = JarRun.in(tmp, Map.of()).run("apply", spec.toString());

            assertEquals(3, run.exitCode(), "only the preflight failed: an environment problem: " + run);
            assertTrue(run.out().contains("failed: bare  preflight  task \"Stop a target that lacks what the roles need\""), run.out());
            assertTrue(run.out().contains("  bare: python3 is missing, and every role runs its modules with it; install it: chroot "
                    + bare.path() + " apt-get install python3\n"), run.out());
            assertTrue(run.out().contains("  bare: systemd is missing, and cpu_power enables units; install it: chroot "
                    + bare.path() + " apt-get install systemd, or set cpu_power absent\n"), run.out());
            assertTrue(run.out().matches("(?s).*\nbare +cpu_power +present +0 +0 +0 +0\n.*"), "no role ran on bare: " + run.out());
            assertTrue(run.err().contains("failed: a target lacks what the roles need (see above)"), run.err());
            assertTrue(Files.isRegularFile(good.file("/etc/sysctl.d/90-syncopated-audio.conf")), "the other host went on");
            assertFalse(Files.exists(bare.file("/etc/sysctl.d/90-syncopated-audio.conf")), "nothing was done on bare");
        }
    }

    @Test
    void checkModeOnADebianRootWithoutPythonAptSaysSoBeforeTheAptTasksFail() throws IOException {
        try (DebianRoot root = DebianRoot.fresh("preflight-noapt")) {
            Proc removed = Proc.run(tmp, List.of("chroot", root.path().toString(), "dpkg", "-r", "python3-apt"));
            assertEquals(0, removed.exitCode(), removed.toString());
            Path spec = tmp.resolve("noapt.yaml");
            Files.writeString(spec, "name: noapt\nhosts:\n  noapt:\n    connection: chroot\n    address: '" + root.path()
                    + "'\n    roles:\n      pipewire: present\n");

            Proc check = JarRun.in(tmp, Map.of()).run("apply", "--check", spec.toString());

            assertEquals(3, check.exitCode(), check.toString());
            assertTrue(check.out().contains("  noapt: python3-apt is missing, and the apt module needs it in check mode (a real run"
                    + " installs it itself); install it: chroot " + root.path() + " apt-get install python3-apt\n"), check.out());
        }
    }
}
