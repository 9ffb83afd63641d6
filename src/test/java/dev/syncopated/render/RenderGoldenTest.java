package dev.syncopated.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.check.Validation;
import dev.syncopated.plan.Planner;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The renderer's output is compared with golden files under src/test/resources/render/CASE/expected. */
class RenderGoldenTest {
    static final Path CASES = Path.of("src/test/resources/render");
    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path tmp;

    static RenderedProject render(String name) {
        return render(name, new ProjectRenderer.Settings("test", ProjectRenderer.Removals.PLANNED, "~/.local/state/syncopated/facts"));
    }

    static RenderedProject render(String name, ProjectRenderer.Settings settings) {
        LoadedSpec loaded = Validation.validate(CASES.resolve(name).resolve("spec.yaml"), CATALOG);
        assertTrue(loaded.valid(), () -> loaded.diagnostics().sorted().toString());
        return ProjectRenderer.render(Planner.plan(loaded.spec().orElseThrow(), CATALOG), CATALOG.names(), settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"studio", "unsafe", "mixed"})
    void generatedFilesMatchTheGoldenFiles(String name) throws IOException {
        RenderedProject project = render(name);
        for (Map.Entry<String, String> file : project.files().entrySet()) {
            Golden.assertMatches(CASES.resolve(name).resolve("expected").resolve(file.getKey()), file.getValue());
        }
    }

    @Test
    void everySpecStringIsTaggedUnsafe() {
        String inventory = render("unsafe").files().get("inventory/hosts.yml");

        assertTrue(inventory.contains("ansible_host: !unsafe \"{{ lookup('pipe', 'touch /tmp/syncopated-pwned') }}\""), inventory);
        assertTrue(inventory.contains("- !unsafe \"{{ 7 * 7 }}\""), inventory);
        assertTrue(inventory.contains("ansible_python_interpreter: !unsafe \"/usr/bin/python3 {% raw %}\""), inventory);
        assertFalse(inventory.lines().anyMatch(l -> l.contains("{{") && !l.contains("!unsafe") && !l.startsWith("#")), inventory);
    }

    @Test
    void everyHostRunsInOnePlayAfterThePreflightAndEachRoleOnlyWhereItsStateAsks() {
        String playbook = render("mixed").files().get("playbooks/site.yml");

        assertEquals(List.of("Preflight", "Syncopated"), playbook.lines().filter(l -> l.startsWith("- name: "))
                .map(l -> l.substring("- name: ".length()).replace("\"", "")).toList(), playbook);
        assertEquals(2, playbook.lines().filter(l -> l.contains("hosts: \"syncopated_hosts\"")).count(), playbook);
        assertTrue(playbook.indexOf("name: \"preflight\"") < playbook.indexOf("gather_facts: true"),
                "the preflight looks for Python before facts are gathered with it: " + playbook);
        assertTrue(playbook.indexOf("name: \"Remove pipewire\"") < playbook.indexOf("name: \"Remove rt_kernel\""),
                "removals run last role first: " + playbook);
        assertTrue(playbook.indexOf("name: \"Remove rt_kernel\"") < playbook.indexOf("name: \"Apply audio_sysctl\""), playbook);
        assertTrue(playbook.contains("when: \"pipewire_state is defined and pipewire_state == 'absent'\""), playbook);
    }

    @Test
    void theProjectRemovesOnlyWhatThePlanRemovesAndAFleetCommitCanRemoveEveryRole() {
        List<String> planned = removals(render("mixed").files().get("playbooks/site.yml"));
        List<String> fleet = removals(render("mixed", ProjectRenderer.Settings.forFleetCommit("test")).files().get("playbooks/site.yml"));
        List<String> everyRoleLastFirst = new ArrayList<>(CATALOG.names());
        Collections.reverse(everyRoleLastFirst);

        assertEquals(List.of("pipewire", "audio_sysctl", "rt_kernel"), planned);
        assertEquals(everyRoleLastFirst, fleet);
        assertEquals(List.of(), removals(render("studio").files().get("playbooks/site.yml")));
    }

    @Test
    void theFactCacheIsInTheStateDirectoryItIsGivenAndAFleetCommitKeepsItInTheNodesHome() {
        String here = render("mixed", ProjectRenderer.Settings.forThisMachine("test", Path.of("/srv/state 100%/syncopated")))
                .files().get("ansible.cfg");
        String fleet = render("mixed", ProjectRenderer.Settings.forFleetCommit("test")).files().get("ansible.cfg");

        assertTrue(here.contains("\nfact_caching_connection = /srv/state 100%/syncopated/facts/mixed-targets\n"), here);
        assertTrue(fleet.contains("\nfact_caching_connection = ~/.local/state/syncopated/facts/mixed-targets\n"), fleet);
    }

    private static List<String> removals(String playbook) {
        return playbook.lines().map(String::strip).filter(l -> l.startsWith("- name: \"Remove "))
                .map(l -> l.substring("- name: \"Remove ".length(), l.length() - 1)).toList();
    }

    @Test
    void renderingTwiceGivesTheSameBytes() throws IOException {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        ProjectWriter.write(render("studio"), RoleLibrary.bundled(), first);
        ProjectWriter.write(render("studio"), RoleLibrary.bundled(), second);
        ProjectWriter.write(render("studio"), RoleLibrary.bundled(), second);

        Map<String, byte[]> a = tree(first);
        Map<String, byte[]> b = tree(second);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, b.get(path)), path));
        assertTrue(a.containsKey("roles/pipewire/catalog.yml"), "the roles are copied: " + a.keySet());
    }

    @Test
    void refusesToReplaceADirectoryItDidNotRender() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");

        assertThrows(ProjectWriter.NotARenderException.class,
                () -> ProjectWriter.write(render("studio"), RoleLibrary.bundled(), mine));
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void leavesNoStagingDirectoryBehind() throws IOException {
        ProjectWriter.write(render("mixed"), RoleLibrary.bundled(), tmp.resolve("out"));
        ProjectWriter.write(render("mixed"), RoleLibrary.bundled(), tmp.resolve("out"));

        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(java.util.List.of("out"), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theCommandRendersAndNamesTheOutput() {
        Path out = tmp.resolve("project");
        CliRun run = CliRun.of("render", CASES.resolve("studio/spec.yaml").toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(out + "\n", run.out());
        assertTrue(Files.exists(out.resolve("playbooks/site.yml")));
    }

    @Test
    void theCommandRefusesAForeignDirectoryWithOneLine() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");

        CliRun run = CliRun.of("render", CASES.resolve("studio/spec.yaml").toString(), "--out", mine.toString());

        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("syncopated: error: '" + mine + "' exists and was not rendered by syncopated;"), run.err());
    }

    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
