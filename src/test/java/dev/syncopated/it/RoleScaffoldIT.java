package dev.syncopated.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scaffolded role passes the same checks as the shipped ones, out of the box. */
class RoleScaffoldIT {
    @TempDir
    Path tmp;

    @Test
    void passesAnsibleLintProductionAndItsTestPlaybookRuns() throws Exception {
        Prerequisites.requireTool("ansible-lint");
        Prerequisites.requireTool("ansible-playbook");
        Path roles = Files.createDirectories(tmp.resolve("roles"));
        assertEquals(0, CliRun.of("roles", "new", "jack_server", "--description", "A JACK server at login.",
                "--dir", roles.toString()).exitCode());

        Proc lint = Proc.run(tmp, Map.of("ANSIBLE_NOCOLOR", "1", "NO_COLOR", "1"),
                List.of("ansible-lint", "--profile", "production", "--nocolor", "roles/jack_server"));
        assertEquals(0, lint.exitCode(), lint.toString());

        Proc test = Proc.run(roles.resolve("jack_server"), Map.of("ANSIBLE_ROLES_PATH", roles.toString()),
                List.of("ansible-playbook", "-i", "tests/inventory", "tests/test.yml"));
        assertEquals(0, test.exitCode(), test.toString());
    }
}
