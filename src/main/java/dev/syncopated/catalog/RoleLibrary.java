package dev.syncopated.catalog;

import dev.syncopated.files.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The role set and playbooks that ship inside the jar (or in the build's classes directory when
 * run from tests), read as ordinary paths so they can be listed and copied.
 */
public final class RoleLibrary {
    private static final String ROOT = "/syncopated";
    private static final Duration UNUSED_FOR = Duration.ofHours(1);
    /** The prefix of a library being deleted. */
    private static final String DOOMED = ".delete-";

    private final Path root;
    /** The jar the library is read from, or null when it lies in a directory (tests, a build's classes). */
    private final Path jar;

    private RoleLibrary(Path root) {
        this(root, null);
    }

    private RoleLibrary(Path root, Path jar) {
        this.root = root;
        this.jar = jar;
    }

    public static RoleLibrary at(Path root) {
        return new RoleLibrary(root);
    }

    /** The library bundled with this build of syncopated. */
    public static RoleLibrary bundled() {
        URL url = RoleLibrary.class.getResource(ROOT + "/roles");
        if (url == null) {
            throw new IllegalStateException("this build of syncopated carries no roles: rebuild it with 'mvn package'");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar = jarFileSystem(uri);
                String spec = uri.getSchemeSpecificPart();
                Path jarFile = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                return new RoleLibrary(jar.getPath(ROOT), jarFile);
            }
            return new RoleLibrary(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bundled roles: " + url, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the syncopated jar", e);
        }
    }

    /**
     * This library as plain files under {@code cacheDir}, extracted from the jar once per jar (by its
     * path, size and time), so that a run's project can hard-link the roles instead of unpacking
     * about two hundred files from the jar every time. A new extraction deletes the libraries that no
     * run has used for an hour. A library that is a directory already is returned as it is.
     */
    public RoleLibrary extractedIn(Path cacheDir) throws IOException {
        if (jar == null) {
            return this;
        }
        Instant now = Instant.now();
        // The jar's size and time, and a checksum of its path: a name no other jar gets. A CRC rather than
        // SHA-256, whose security-provider set-up would cost every run a fiftieth of a second.
        CRC32 path = new CRC32();
        path.update(jar.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String name = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-" + Long.toHexString(path.getValue());
        Path target = cacheDir.resolve(name);
        if (!Files.isDirectory(target)) {
            Files.createDirectories(cacheDir);
            Path staging = Files.createTempDirectory(cacheDir, ".extract-");
            try {
                for (String dir : List.of("roles", "plugins", "playbooks")) {
                    Trees.copy(root.resolve(dir), staging.resolve(dir), false);
                }
                try {
                    Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    // another syncopated extracted the same jar a moment earlier: use that one
                }
            } finally {
                Trees.deleteQuietly(staging);
            }
            // A new jar (a rebuild, an upgrade): the libraries of the jars before it would otherwise stay forever.
            removeUnused(cacheDir, target, now.minus(UNUSED_FOR));
        } else {
            markUsed(target, now);
        }
        return new RoleLibrary(target);
    }

    /** So that another jar's clean-up leaves this library alone; a library that cannot be marked is still used. */
    private static void markUsed(Path library, Instant now) {
        try {
            Files.setLastModifiedTime(library, FileTime.from(now));
        } catch (IOException e) {
            // at worst another jar's clean-up deletes it, and the next run extracts it again
        }
    }

    /**
     * Deletes what lies in {@code cacheDir} beside {@code keep} and was last used before {@code cutoff}:
     * the libraries of other jars and what a killed extraction left. A run needs its library only
     * while it links its project (the links keep the files of a deleted library alive), and every
     * use marks the library, so one unused for an hour is almost never being read. For the rare run
     * that is, each library is renamed away before anything in it is deleted: that run's linking
     * fails on the missing path, and it extracts the library again, rather than linking half of
     * it. Best effort: what cannot be read or deleted stays, and the run goes on.
     */
    static void removeUnused(Path cacheDir, Path keep, Instant cutoff) {
        List<Path> others;
        try (Stream<Path> entries = Files.list(cacheDir)) {
            others = entries.filter(e -> !e.equals(keep)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path entry : others) {
            try {
                if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    Path doomed = entry.getFileName().toString().startsWith(DOOMED) ? entry
                            : Files.move(entry, cacheDir.resolve(DOOMED + entry.getFileName() + "-" + System.nanoTime()),
                                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Trees.deleteQuietly(doomed);
                }
            } catch (IOException e) {
                // gone already (another run cleaned up), or not ours to read: leave it
            }
        }
    }

    /** Whether this library's files are plain files that a project may hard-link rather than copy. */
    public boolean onDisk() {
        return jar == null && root.getFileSystem() == java.nio.file.FileSystems.getDefault();
    }

    public Path rolesDir() {
        return root.resolve("roles");
    }

    /** The repository's playbooks: site.yml (which a render replaces with its own) and those commands play. */
    public Path playbooksDir() {
        return root.resolve("playbooks");
    }

    /** Ansible plugins every rendered project carries: the event callback syncopated reads runs through. */
    public Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** Directories under roles/, sorted by name; private helper roles included. */
    public List<Path> roleDirs() {
        try (Stream<Path> dirs = Files.list(rolesDir())) {
            List<Path> result = new ArrayList<>(dirs.filter(Files::isDirectory).toList());
            result.sort((a, b) -> Trees.name(a).compareTo(Trees.name(b)));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled roles", e);
        }
    }
}
