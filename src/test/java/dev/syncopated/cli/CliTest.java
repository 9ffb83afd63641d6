package dev.syncopated.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The command line through the real picocli parser, as a user types it. */
class CliTest {
    private static final String EXAMPLE = "examples/studio.yaml";
    private static final String BAD = "src/test/resources/bad/41-many-errors-at-once.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun run = CliRun.of("--help");

        assertEquals(0, run.exitCode());
        for (String command : new String[] {"validate", "plan", "render", "apply", "info", "runs", "probe", "schema", "roles", "doctor",
                "completion"}) {
            assertTrue(run.out().contains("  " + command), command + " missing from\n" + run.out());
        }
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  4 +one or more hosts were unreachable\\n.*"), run.out());
    }

    @Test
    void versionNamesTheTool() {
        CliRun run = CliRun.of("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("syncopated "), run.out());
    }

    @Test
    void anUnknownCommandIsOneLineWithASuggestionAndExit2() {
        CliRun run = CliRun.of("valdiate", EXAMPLE);

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("did you mean 'validate'?"), run.err());
    }

    @Test
    void aBadOptionValueIsAUsageError() {
        CliRun run = CliRun.of("validate", "--format", "yaml", EXAMPLE);

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("syncopated: error: "), run.err());
    }

    @Test
    void validateAcceptsTheExample() {
        CliRun run = CliRun.of("validate", EXAMPLE);

        assertEquals(0, run.exitCode(), run.out());
        assertEquals(EXAMPLE + ": valid\n", run.out());
    }

    @Test
    void validateChecksEveryFileAndFailsIfAnyIsInvalid() {
        CliRun run = CliRun.of("validate", EXAMPLE, BAD);

        assertEquals(1, run.exitCode());
        assertTrue(run.out().endsWith("5 errors in 1 spec\n"), run.out());
    }

    @Test
    void validateJsonHasTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("validate", "--format", "json", BAD);
        JsonNode json = JSON.readTree(run.out());

        assertEquals(1, run.exitCode());
        assertFalse(json.get("valid").asBoolean());
        JsonNode first = json.get("diagnostics").get(0);
        assertEquals("error", first.get("severity").asText());
        assertEquals(BAD, first.get("file").asText());
        assertEquals(3, first.get("line").asInt());
        assertEquals(24, first.get("column").asInt());
        assertEquals("roles.pipewire.quantum", first.get("path").asText());
        assertEquals("100 is not a power of two from 16 to 8192", first.get("message").asText());
        assertTrue(first.get("hint").asText().startsWith("did you mean 128?"));
        assertEquals(5, json.get("diagnostics").size());
    }

    @Test
    void validateJsonOfAValidSpec() throws Exception {
        JsonNode json = JSON.readTree(CliRun.of("validate", "--format", "json", EXAMPLE).out());

        assertTrue(json.get("valid").asBoolean());
        assertEquals(0, json.get("diagnostics").size());
    }

    @Test
    void validateGithubWritesWorkflowAnnotations() {
        CliRun run = CliRun.of("validate", "--format", "github", BAD);

        assertEquals(1, run.exitCode());
        String first = run.out().lines().findFirst().orElseThrow();
        assertEquals("::error file=" + BAD + ",line=3,col=24,title=syncopated validate::"
                + "roles.pipewire.quantum: 100 is not a power of two from 16 to 8192%0Ahint: did you mean 128? "
                + "PipeWire buffers are 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 or 8192 frames", first);
    }

    @Test
    void validateJunitIsXmlWithOneFailurePerError() throws Exception {
        CliRun run = CliRun.of("validate", "--format", "junit", EXAMPLE, BAD);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));

        assertEquals(1, run.exitCode());
        assertEquals("2", xml.getDocumentElement().getAttribute("tests"));
        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
        assertEquals(2, xml.getElementsByTagName("testcase").getLength());
        assertEquals(5, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void planOfAnInvalidSpecPrintsItsErrorsAndExits1() {
        CliRun run = CliRun.of("plan", BAD);

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("41-many-errors-at-once.yaml:3:24: error:"), run.err());
        assertTrue(run.err().trim().endsWith("(syncopated validate " + BAD + " shows them again)"), run.err());
    }

    @Test
    void planJsonHasTheDocumentedShape() throws Exception {
        CliRun run = CliRun.of("plan", "--format", "json", EXAMPLE);
        JsonNode json = JSON.readTree(run.out());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode tracker = json.get("hosts").get(1);
        assertEquals("tracker", tracker.get("name").asText());
        assertEquals("tracker.lan", tracker.get("address").asText());
        JsonNode first = tracker.get("roles").get(0);
        assertEquals("rt_kernel", first.get("role").asText());
        assertEquals("present", first.get("state").asText());
        assertTrue(first.get("options").get("keep_fallback").asBoolean());
    }

    @Test
    void planLimitSelectsHostsAndRejectsTypos() {
        CliRun limited = CliRun.of("plan", "--limit", "recording", EXAMPLE);
        assertEquals(0, limited.exitCode(), limited.err());
        assertTrue(limited.out().startsWith("tracker "), limited.out());
        assertFalse(limited.out().contains("workstation"), limited.out());

        CliRun typo = CliRun.of("plan", "--limit", "trakcer", EXAMPLE);
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("did you mean 'tracker'?"), typo.err());
    }

    @Test
    void aMissingSpecFileIsOneClearError() {
        CliRun run = CliRun.of("plan", "nope.yaml");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("nope.yaml: error: cannot read 'nope.yaml': no such file"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void rolesListAndShow() {
        CliRun list = CliRun.of("roles", "list");
        assertEquals(0, list.exitCode());
        assertEquals(10, list.out().lines().count(), "a header and nine roles:\n" + list.out());

        CliRun show = CliRun.of("roles", "show", "pipewire");
        assertEquals(0, show.exitCode());
        assertTrue(show.out().contains("rules: min_quantum ≤ quantum ≤ max_quantum"), show.out());
        assertTrue(show.out().contains("pipewire_quantum"), show.out());

        CliRun unknown = CliRun.of("roles", "show", "pipewrie");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean 'pipewire'?"), unknown.err());
    }

    @Test
    void completionScriptsForBashAndZsh() {
        CliRun bash = CliRun.of("completion", "bash");
        assertEquals(0, bash.exitCode());
        assertTrue(bash.out().contains("complete -F"), "bash completion");
        assertTrue(bash.out().contains("validate"), "knows the commands");

        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(0, zsh.exitCode());
        assertTrue(zsh.out().startsWith("autoload -U +X compinit"), zsh.out().substring(0, 40));
    }

    @Test
    void doctorReportsEveryToolWithAnExitCodeFromTheTable() {
        CliRun run = CliRun.of("doctor");

        assertTrue(run.exitCode() == 0 || run.exitCode() == 3, "exit " + run.exitCode());
        assertTrue(run.out().contains("ansible-playbook"), run.out());
        assertTrue(run.out().lines().allMatch(l -> l.matches("(ok  |FAIL|warn)  .*") || l.startsWith("ready")
                || l.startsWith("something required")), run.out());
    }

    @Test
    void renderWithoutOutIsAUsageError() {
        CliRun run = CliRun.of("render", EXAMPLE);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out"), run.err());
        assertFalse(Files.exists(tmp.resolve("anything")));
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("kaput");
        }
    }

    private static CliRun runWithBoom(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = Cli.create(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        cli.addSubcommand(new Boom());
        cli.setOut(new java.io.PrintWriter(out, true)); // writers reach only subcommands present when set
        cli.setErr(new java.io.PrintWriter(err, true));
        return new CliRun(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void anUnexpectedFailureIsOneLineAndVerboseShowsTheTrace() {
        CliRun quiet = runWithBoom("boom");
        CliRun verbose = runWithBoom("--verbose", "boom");

        assertEquals(70, quiet.exitCode());
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        assertTrue(quiet.err().startsWith("syncopated: internal error: syncopated boom stopped on a problem it did not expect; "
                + "run it again with --verbose for the details (also in "), quiet.err());
        assertFalse(quiet.err().contains("IllegalStateException") || quiet.err().contains("kaput"),
                "no Java exception text without --verbose: " + quiet.err());
        assertEquals(70, verbose.exitCode());
        assertTrue(verbose.err().contains("java.lang.IllegalStateException: kaput"), verbose.err());
        assertTrue(verbose.err().contains("\tat dev.syncopated.cli.CliTest$Boom.run"), verbose.err());
    }
}
