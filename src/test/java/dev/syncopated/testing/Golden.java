package dev.syncopated.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a file kept beside the test input. With -Dsyncopated.regenerate=true it writes
 * the file instead, for a person to review in the diff before committing.
 */
public final class Golden {
    private Golden() {}

    public static boolean regenerating() {
        return Boolean.getBoolean("syncopated.regenerate");
    }

    public static void assertMatches(Path expectedFile, String actual) throws IOException {
        if (regenerating()) {
            Files.createDirectories(expectedFile.getParent());
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expectedFile)) {
            throw new AssertionError(expectedFile + " is missing; run the test with -Dsyncopated.regenerate=true and review it");
        }
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
                "output differs from " + expectedFile + " (regenerate with -Dsyncopated.regenerate=true and review the diff)");
    }
}
