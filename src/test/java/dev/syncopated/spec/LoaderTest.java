package dev.syncopated.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.spec.yaml.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includesResolveRelativeToTheIncludingFileAndMergeFirst() throws IOException {
        write("shared/base.yaml", "roles:\n  pipewire: { quantum: 512, rate: 44100 }\n");
        Path stage = write("stage.yaml", "include: shared/base.yaml\nroles:\n  pipewire: { quantum: 128 }\nhosts:\n  tracker: {}\n");

        LoadedSpec loaded = SpecLoader.load(stage);

        assertTrue(loaded.valid(), () -> loaded.diagnostics().sorted().toString());
        RoleEntry pipewire = loaded.spec().orElseThrow().roles().get("pipewire");
        YScalar quantum = (YScalar) pipewire.options().get("quantum").value();
        YScalar rate = (YScalar) pipewire.options().get("rate").value();
        assertEquals("128", quantum.text(), "the including file wins");
        assertEquals("44100", rate.text(), "keys it does not set come from the include");
        assertEquals(new Position(dir.resolve("shared/base.yaml").toString(), 2, 35), rate.position(),
                "a value keeps the file, line and column it was written at");
        assertEquals(List.of(dir.resolve("shared/base.yaml").toString(), stage.toString()), loaded.spec().get().files());
    }

    @Test
    void anErrorInAnIncludedFilePointsIntoThatFile() throws IOException {
        write("common.yaml", "roles:\n  pipewire: { quantum: 100 }\n");
        Path stage = write("stage.yaml", "include: [common.yaml]\nhosts:\n  tracker: {}\n");

        LoadedSpec loaded = Validation.validate(stage, Catalog.bundled());

        Diagnostic only = loaded.diagnostics().sorted().get(0);
        assertEquals(new Position(dir.resolve("common.yaml").toString(), 2, 24), only.position());
        assertEquals("roles.pipewire.quantum", only.path());
    }

    @Test
    void aBareStateLaterChangesOnlyTheState() throws IOException {
        Path stage = write("stage.yaml", """
                roles:
                  pipewire: { quantum: 64 }
                groups:
                  quiet:
                    roles:
                      pipewire: absent
                hosts:
                  tracker:
                    groups: [quiet]
                """);
        LoadedSpec loaded = Validation.validate(stage, Catalog.bundled());
        Spec spec = loaded.spec().orElseThrow();

        RoleEntry merged = HostRoles.of(spec, spec.hosts().get("tracker")).get("pipewire");

        assertEquals(State.ABSENT, merged.state().value());
        assertEquals("64", ((YScalar) merged.options().get("quantum").value()).text());
    }

    @Test
    void mergeKeysGiveValuesTheMappingOverrides() throws IOException {
        Path stage = write("stage.yaml", """
                hosts:
                  a: &rig
                    user: alice
                    port: 2222
                  b:
                    <<: *rig
                    port: 2223
                """);
        LoadedSpec loaded = Validation.validate(stage, Catalog.bundled());

        assertTrue(loaded.valid(), () -> loaded.diagnostics().sorted().toString());
        HostSpec b = loaded.spec().orElseThrow().hosts().get("b");
        assertEquals("alice", b.user().value());
        assertEquals(2223L, b.port().value());
    }

    @Test
    void aHugeDocumentIsRefusedWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "hosts:\n" + "  # padding\n".repeat(3_000_000));

        LoadedSpec loaded = SpecLoader.load(big);

        assertFalse(loaded.valid());
        assertTrue(loaded.diagnostics().sorted().get(0).message().contains("larger"),
                () -> loaded.diagnostics().sorted().toString());
    }

    @Test
    void aDirectoryOrUnreadableFileIsOneClearError() {
        LoadedSpec loaded = SpecLoader.load(dir);

        assertEquals(1, loaded.diagnostics().errorCount());
        assertTrue(loaded.diagnostics().sorted().get(0).message().contains("directory"));
    }
}
