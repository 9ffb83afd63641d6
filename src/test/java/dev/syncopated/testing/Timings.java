package dev.syncopated.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Wall-clock times of the expensive steps of the real-target tier (building the root cache,
 * copying a root, starting podman, each playbook run), appended to
 * {@code target/real-targets/timings.txt} and printed, so a slow CI run can be explained.
 * Observations only: no test asserts on a time (DESIGN.md §7).
 */
public final class Timings {
    private static final Path FILE = DebianRoot.PROJECT.resolve("target/real-targets/timings.txt");

    private Timings() {}

    public static synchronized void record(String what, Duration took) {
        String line = String.format("%s  %8.2fs  %s%n", Instant.now(), took.toMillis() / 1000.0, what);
        System.out.print("[timing] " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[timing] could not write " + FILE + ": " + e);
        }
    }
}
