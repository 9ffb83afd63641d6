package dev.syncopated.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black box: the built jar, through the bin/syncopated launcher, as a separate process. */
class JarIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAR = System.getProperty("syncopated.jar", "target/syncopated.jar");

    @TempDir
    Path tmp;

    private static Proc syncopated(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/syncopated").toString()));
        command.addAll(List.of(args));
        return Proc.run(ROOT, Map.of("SYNCOPATED_JAR", Path.of(JAR).toAbsolutePath().toString()), command);
    }

    @Test
    void validatesTheExample() {
        Proc run = syncopated("validate", "examples/studio.yaml");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("examples/studio.yaml: valid\n", run.out());
    }

    @Test
    void aBadSpecExitsOneWithoutAStackTrace() {
        Proc run = syncopated("validate", "src/test/resources/bad/07-alias-bomb.yaml");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("too many aliases"), run.toString());
        assertFalse((run.out() + run.err()).contains("Exception"), run.toString());
        assertFalse((run.out() + run.err()).contains("\tat "), run.toString());
    }

    @Test
    void rendersAProjectThatCarriesTheRoles() {
        Path out = tmp.resolve("project");
        Proc run = syncopated("render", "examples/studio.yaml", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.exists(out.resolve("roles/pipewire/tasks/main.yml")), "roles come from inside the jar");
        assertTrue(Files.exists(out.resolve("ansible.cfg")));
    }

    @Test
    void versionAndHelp() {
        Proc version = syncopated("--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().matches("(?s)syncopated \\d+\\.\\d+\\.\\d+.*"), version.out());

        Proc help = syncopated("--help");
        assertTrue(help.out().contains("Exit codes:"), help.toString());
    }

    @Test
    void aMissingJarIsAnEnvironmentError() {
        Proc run = Proc.run(ROOT, Map.of("SYNCOPATED_JAR", tmp.resolve("none.jar").toString()),
                List.of(ROOT.resolve("bin/syncopated").toString(), "--version"));

        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
    }
}
