package dev.syncopated.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's set-up command 1, as the README writes it, on a fresh Debian 12 machine that has only
 * Java and Maven: it must install Ansible itself, build, and reach the recap of the example spec.
 * The machine is a debootstrap root entered with chroot (src/test/resources/fresh-machine), holding
 * a clean clone of this repository's committed state.
 */
class FreshMachineIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = PROJECT.resolve("src/test/resources/fresh-machine/readme-command-1.sh");

    @Test
    void readmeCommandOneReachesTheRecapOnAMachineWithOnlyJavaAndMaven() throws Exception {
        Prerequisites.require(DebianRoot.runningAsRoot(), "the fresh machine is a chroot: needs root");
        Prerequisites.requireTool("debootstrap");
        Prerequisites.requireTool("git");
        Prerequisites.require(Files.isDirectory(PROJECT.resolve(".git")), PROJECT + " is not a git clone");

        Proc run = Proc.run(PROJECT, List.of("bash", SCRIPT.toString(), PROJECT.toString()));
        System.out.println("[fresh-machine] " + String.join("\n[fresh-machine] ", run.out().lines().toList()));
        System.out.println("[fresh-machine] stderr: " + String.join("\n[fresh-machine] ", run.err().lines().toList()));

        assertEquals(0, run.exitCode(), run.toString());
        String all = run.out() + run.err();
        assertTrue(all.contains("ansible-playbook before: none"), "the machine starts without Ansible: " + all);
        assertTrue(all.contains("doctor: installing ansible"), "doctor says what it installs: " + all);
        assertTrue(all.matches("(?s).*\nHOST +ROLE +STATE +OK +CHANGED +FAILED +SKIPPED\nworkstation +realtime_limits +present .*"),
                "the recap is reached: " + all);
        assertTrue(all.contains("would change: ") || all.contains("ok: nothing would change"), all);
    }
}
