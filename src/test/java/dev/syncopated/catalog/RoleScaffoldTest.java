package dev.syncopated.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleScaffoldTest {
    @TempDir
    Path tmp;

    @Test
    void theNewRoleHasACatalogItsArgumentSpecsAgreeWith() throws IOException {
        CliRun run = CliRun.of("roles", "new", "jack_server", "--description", "A JACK server at login.", "--dir", tmp.toString());

        assertEquals(0, run.exitCode(), run.err());
        Path role = tmp.resolve("jack_server");
        RoleDef def = CatalogReader.parseRole("jack_server", Files.readString(role.resolve("catalog.yml")));
        assertEquals("A JACK server at login.", def.description());
        assertEquals(ArgumentSpecs.yaml(def), Files.readString(role.resolve("meta/argument_specs.yml")));
        for (String file : new String[] {"tasks/main.yml", "tasks/present.yml", "tasks/absent.yml", "tasks/info.yml",
                "defaults/main.yml", "meta/main.yml", "tests/test.yml", "README.md"}) {
            assertTrue(Files.isRegularFile(role.resolve(file)), file);
        }
        assertTrue(Files.readString(role.resolve("tasks/main.yml")).contains("include_tasks: \"{{ jack_server_state }}.yml\""));
    }

    @Test
    void refusesBadNamesAndExistingRoles() throws IOException {
        CliRun bad = CliRun.of("roles", "new", "Jack-Server", "--description", "x", "--dir", tmp.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("is not a valid role name"), bad.err());

        Files.createDirectories(tmp.resolve("pipewire"));
        CliRun exists = CliRun.of("roles", "new", "pipewire", "--description", "x", "--dir", tmp.toString());
        assertEquals(1, exists.exitCode());
        assertTrue(exists.err().contains("already exists"), exists.err());
    }
}
