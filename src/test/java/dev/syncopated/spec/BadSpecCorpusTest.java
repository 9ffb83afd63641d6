package dev.syncopated.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad spec sits next to its exact expected message; validate must print exactly that and exit 1. */
class BadSpecCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/bad");

    static Stream<Path> badSpecs() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".inc.yaml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void printsTheExpectedDiagnostics(Path spec) throws IOException {
        CliRun run = CliRun.of("validate", spec.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err(), "validate prints its findings on stdout only");
        assertFalse(run.out().contains("Exception"), "no stack trace: " + run.out());
        assertTrue(run.out().contains(spec + ""), "names the file");
        String name = spec.getFileName().toString().replace(".yaml", ".expected");
        Golden.assertMatches(CORPUS.resolve(name), run.out());
    }

    @Test
    void corpusCoversAtLeastThirtySpecs() throws IOException {
        List<Path> specs = badSpecs().toList();
        assertTrue(specs.size() >= 30, "only " + specs.size() + " bad specs");
    }
}
