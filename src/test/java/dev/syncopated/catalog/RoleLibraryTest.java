package dev.syncopated.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleLibraryTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aNewJarsExtractionDeletesTheLibrariesUnusedForAnHourAndNothingElse() throws IOException {
        Path cache = tmp.resolve("library");
        Path current = library(cache.resolve("200-2-c"), NOW.minus(Duration.ofDays(3)));
        Path stale = library(cache.resolve("100-1-a"), NOW.minus(Duration.ofMinutes(61)));
        Path inUse = library(cache.resolve("150-1-b"), NOW.minus(Duration.ofMinutes(59)));
        Path killedExtraction = library(cache.resolve(".extract-123"), NOW.minus(Duration.ofDays(1)));
        Path killedCleanUp = library(cache.resolve(".delete-90-1-f-77"), NOW.minus(Duration.ofDays(1)));
        Path elsewhere = library(tmp.resolve("elsewhere"), NOW.minus(Duration.ofDays(9)));
        Path link = Files.createSymbolicLink(cache.resolve("link"), elsewhere);
        FileTime old = FileTime.from(NOW.minus(Duration.ofDays(2)));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(old, null, null);

        RoleLibrary.removeUnused(cache, current, NOW.minus(Duration.ofHours(1)));

        assertEquals(List.of("150-1-b", "200-2-c"), names(cache));
        assertTrue(Files.exists(current.resolve("roles/demo/tasks/main.yml")));
        assertTrue(Files.exists(inUse.resolve("roles/demo/tasks/main.yml")));
        assertTrue(Files.exists(elsewhere.resolve("roles/demo/tasks/main.yml")), "a link is removed, not what it points to");
        assertTrue(Files.notExists(stale) && Files.notExists(killedExtraction) && Files.notExists(killedCleanUp)
                && Files.notExists(link));
    }

    private static Path library(Path dir, Instant lastUsed) throws IOException {
        Path file = dir.resolve("roles/demo/tasks/main.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\n");
        Files.setLastModifiedTime(dir, FileTime.from(lastUsed));
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
