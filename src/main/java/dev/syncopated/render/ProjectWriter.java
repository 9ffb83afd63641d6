package dev.syncopated.render;

import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.files.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
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
        Path staging = parent.resolve("." + name + ".tmp-" + Trees.uniqueSuffix());
        Thread cleanup = new Thread(() -> Trees.deleteQuietly(staging));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Files.createDirectory(staging);
            // The shipped playbooks first (probe, fleet), so the rendered ones (site.yml) replace their templates.
            Trees.copy(library.playbooksDir(), staging.resolve("playbooks"), hardLinks);
            for (Map.Entry<String, String> file : project.files().entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path); // a hard link to the library's template: never write through it
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            Trees.copy(library.rolesDir(), staging.resolve("roles"), hardLinks);
            Trees.copy(library.pluginsDir(), staging.resolve("plugins"), hardLinks);
            swapInto(staging, target);
        } finally {
            Trees.deleteQuietly(staging);
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
        Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + Trees.uniqueSuffix());
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Trees.deleteQuietly(staging);
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
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + Trees.uniqueSuffix());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        Trees.deleteQuietly(old);
    }
}
