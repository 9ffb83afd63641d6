package dev.syncopated.render;

import dev.syncopated.catalog.RoleLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

/**
 * Writes a rendered project and a copy of the roles into a directory, atomically: everything goes
 * into a hidden sibling first, which is renamed into place only when complete. An interrupted render
 * leaves the previous project (or nothing) where the output goes, never a half-written one.
 */
public final class ProjectWriter {

    /** Refused: the output exists and is not something syncopated rendered, so replacing it could lose work. */
    public static final class NotARenderException extends IOException {
        public NotARenderException(Path dir) {
            super("'" + dir + "' exists and was not rendered by syncopated");
        }
    }

    private ProjectWriter() {}

    public static void write(RenderedProject project, RoleLibrary library, Path out) throws IOException {
        write(project, library, out, false);
    }

    /**
     * As {@link #write(RenderedProject, RoleLibrary, Path)}; with {@code link}, the library's files are
     * hard-linked rather than copied where the library is on disk (a run record's project, never
     * edited: 'render --out' always copies, so editing a rendered file cannot change the library).
     */
    public static void write(RenderedProject project, RoleLibrary library, Path out, boolean link) throws IOException {
        boolean hardLinks = link && library.onDisk();
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !isReplaceable(target)) {
            throw new NotARenderException(out);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path staging = parent.resolve("." + name + ".tmp-" + uniqueSuffix());
        Thread cleanup = new Thread(() -> deleteQuietly(staging));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Files.createDirectory(staging);
            // The shipped playbooks first (probe, fleet), so the rendered ones (site.yml) replace their templates.
            copyTree(library.playbooksDir(), staging.resolve("playbooks"), hardLinks);
            for (Map.Entry<String, String> file : project.files().entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path); // a hard link to the library's template: never write through it
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            copyTree(library.rolesDir(), staging.resolve("roles"), hardLinks);
            copyTree(library.pluginsDir(), staging.resolve("plugins"), hardLinks);
            swapInto(staging, target);
        } finally {
            deleteQuietly(staging);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; nothing left to undo
            }
        }
    }

    /** Writes {@code files} (relative path → text) into {@code target}, which must not exist yet, atomically. */
    public static void writeNewDirectory(Map<String, String> files, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + uniqueSuffix());
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static boolean isReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.exists(dir.resolve(ProjectRenderer.MARKER))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Renames the finished staging directory to the target, moving any previous render out of the way first. */
    private static void swapInto(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + uniqueSuffix());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteQuietly(old);
    }

    /** Copies a library tree (from the jar or a directory) to plain files. */
    public static void copyLibraryTree(Path from, Path to) throws IOException {
        copyTree(from, to, false);
    }

    public static void deleteTreeQuietly(Path dir) {
        deleteQuietly(dir);
    }

    /**
     * Copies (or hard-links) a tree that may live in the jar's file system; names sorted so the result
     * never depends on listing order. A link that the file system refuses falls back to a copy.
     * One system call per file where it can: a run's project links some two hundred files before
     * Ansible may start.
     */
    static void copyTree(Path from, Path to, boolean link) throws IOException {
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
                    dest = dest.resolve(RoleLibrary.name(part));
                }
            }
            if (entry.getValue()) {
                Files.createDirectories(dest);
            } else if (!link || !tryLink(dest, source)) {
                Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
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

    /** A name part that no other render picks at the same time; it needs no SecureRandom (UUID's), whose set-up is slow. */
    private static String uniqueSuffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static void deleteQuietly(Path dir) {
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
            // best effort: a leftover hidden staging directory is harmless and named as such
        }
    }
}
