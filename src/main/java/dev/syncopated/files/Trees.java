package dev.syncopated.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Directory trees on any file system (the jar's included): copying or hard-linking them, deleting them,
 * and naming the hidden siblings that atomic writes stage in. The role library and the project writer
 * both use these, so they live below both.
 */
public final class Trees {
    private Trees() {}

    /**
     * Copies (or hard-links) a tree that may live in the jar's file system; names sorted so the result
     * never depends on listing order. A link that the file system refuses falls back to a copy.
     * One system call per file where it can: a run's project links some two hundred files before
     * Ansible may start.
     */
    public static void copy(Path from, Path to, boolean link) throws IOException {
        // Sorted, a directory comes before everything in it, so each file's parent exists when it is reached.
        SortedMap<Path, Boolean> isDirectory = new TreeMap<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                isDirectory.put(dir, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                isDirectory.put(file, false);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Map.Entry<Path, Boolean> entry : isDirectory.entrySet()) {
            Path source = entry.getKey();
            Path dest = to;
            for (Path part : from.relativize(source)) {
                if (!part.toString().isEmpty()) {
                    dest = dest.resolve(name(part));
                }
            }
            if (entry.getValue()) {
                Files.createDirectories(dest);
            } else if (!link || !tryLink(dest, source)) {
                Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A path's last name without the trailing slash some zip file systems keep on directories. */
    public static String name(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Deletes a tree, best effort: a leftover hidden staging directory is harmless and named as such. */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort, as documented
        }
    }

    /** A name part that no other writer picks at the same time; it needs no SecureRandom (UUID's), whose set-up is slow. */
    public static String uniqueSuffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static boolean tryLink(Path link, Path existing) {
        try {
            try {
                Files.createLink(link, existing);
            } catch (FileAlreadyExistsException e) {
                Files.delete(link);
                Files.createLink(link, existing);
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // another file system, or links not allowed: copy instead
        }
    }
}
