package dev.syncopated.testing;

import dev.syncopated.env.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh Debian 12 root filesystem for one test, made from the cached debootstrap root
 * (DESIGN.md §6, real-target tier) under {@code target/real-targets/roots/} and removed on
 * {@link #close()}.
 *
 * <p>The cache lives at {@code $SYNCOPATED_TEST_ROOT_CACHE} (default
 * {@code /var/cache/syncopated/bookworm-base}); {@code .ci/run} builds it, and when it is missing
 * the first test that needs it builds it, at most once per JVM, with the same script
 * ({@code src/test/resources/targets/build-base-root.sh}: debootstrap into a side directory, a
 * marker file last, then an atomic rename, under a lock).
 *
 * <p>How the copy is made: an overlay mount (the cache as the read-only lower layer, the test's
 * writes in an upper directory) takes milliseconds where {@code cp -a} of the ~270 MB tree takes
 * 2 s on an idle machine and 12-18 s on a busy CI runner. It stays safe when things go wrong:
 * overlayfs never writes to its lower layer, so even deleting through a forgotten mount (a
 * killed JVM, then {@code mvn clean}) cannot touch the cache; {@link #close()} unmounts (lazily
 * if busy) before deleting, deletion refuses to run over a live mount and never leaves the file
 * system, and the next JVM unmounts roots left behind by dead ones. Where overlay cannot be
 * mounted, or with {@code SYNCOPATED_TEST_ROOT_MODE=copy}, it falls back to {@code cp -a}.
 */
public final class DebianRoot implements AutoCloseable {
    public static final Path DEFAULT_CACHE = Path.of("/var/cache/syncopated/bookworm-base");
    /** Written last by build-base-root.sh; a cache without it is incomplete. */
    public static final String MARKER = ".syncopated-base-root";
    static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path BUILD_SCRIPT = PROJECT.resolve("src/test/resources/targets/build-base-root.sh");
    private static final Path ROOTS = PROJECT.resolve("target/real-targets/roots");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static String buildFailure;
    private static boolean built;

    private static boolean swept;
    private static boolean overlayBroken;

    /** The directory holding this root's layers (overlay) or the root itself (copy). */
    private final Path dir;
    private final Path path;
    private final boolean overlay;
    private final Duration copyTime;

    private DebianRoot(Path dir, Path path, boolean overlay, Duration copyTime) {
        this.dir = dir;
        this.path = path;
        this.overlay = overlay;
        this.copyTime = copyTime;
    }

    /** The cached base root; $SYNCOPATED_TEST_ROOT_CACHE overrides the default place. */
    public static Path cache() {
        String env = System.getenv("SYNCOPATED_TEST_ROOT_CACHE");
        return env == null || env.isBlank() ? DEFAULT_CACHE : Path.of(env);
    }

    public static boolean cacheComplete() {
        return Files.isRegularFile(cache().resolve(MARKER));
    }

    public static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Skips (laptop) or fails (CI=true) unless this test can use a root: root, chroot, and either a
     * complete cache or debootstrap to build one. Then makes sure the cache exists.
     */
    public static synchronized Path requireCache() {
        Prerequisites.require(runningAsRoot(), "chroot targets need root (run the real-target tier as root, as .ci/run does)");
        Prerequisites.require(Tools.fromEnvironment().find("chroot").isPresent(), "chroot (coreutils) is not on PATH");
        if (!built) {
            if (buildFailure == null && !cacheComplete()) {
                Prerequisites.require(Tools.fromEnvironment().find("debootstrap").isPresent(),
                        "debootstrap is not installed (apt-get install debootstrap) and " + cache() + " is not built");
            }
            if (buildFailure == null) {
                // The script returns at once when the marker is there; otherwise it builds (~1-3 min).
                long start = System.nanoTime();
                Proc run = Proc.run(PROJECT, Map.of("SYNCOPATED_TEST_ROOT_CACHE", cache().toString()),
                        List.of("bash", BUILD_SCRIPT.toString(), cache().toString()));
                if (run.exitCode() != 0 || !cacheComplete()) {
                    buildFailure = "could not build the Debian 12 root cache " + cache() + ": " + run;
                } else {
                    built = true;
                    Timings.record("base root cache ready (build-base-root.sh)", Duration.ofNanos(System.nanoTime() - start));
                }
            }
            if (buildFailure != null) {
                throw new AssertionError(buildFailure);
            }
        }
        return cache();
    }

    /** A new root made from the base root, named after {@code label}; close it to remove it. */
    public static DebianRoot fresh(String label) {
        Path cache = requireCache();
        sweepDeadRoots();
        Path dir = ROOTS.resolve(label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + ProcessHandle.current().pid()
                + "-" + COUNTER.incrementAndGet());
        try {
            Files.createDirectories(ROOTS);
            deleteTree(dir);
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        if (useOverlay()) {
            Path merged = dir.resolve("root");
            Proc mount = null;
            try {
                for (String sub : List.of("upper", "work", "root")) {
                    Files.createDirectory(dir.resolve(sub));
                }
                mount = Proc.run(PROJECT, List.of("mount", "-t", "overlay", "syncopated-test-root", "-o",
                        "lowerdir=" + cache + ",upperdir=" + dir.resolve("upper") + ",workdir=" + dir.resolve("work"),
                        merged.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (mount.exitCode() == 0) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                Timings.record("overlay-mount a root", took);
                return new DebianRoot(dir, merged, true, took);
            }
            System.out.println("[DebianRoot] overlay mount failed, copying roots instead: " + mount);
            markOverlayBroken();
            deleteTree(dir);
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start = System.nanoTime();
        }
        Proc copy = Proc.run(PROJECT, List.of("cp", "-a", "--reflink=auto", cache + "/.", dir.toString()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (copy.exitCode() != 0) {
            deleteTree(dir);
            throw new AssertionError("could not copy " + cache + " to " + dir + ": " + copy);
        }
        Timings.record("copy a root (cp -a)", took);
        return new DebianRoot(dir, dir, false, took);
    }

    private static synchronized boolean useOverlay() {
        return !overlayBroken && !"copy".equalsIgnoreCase(System.getenv("SYNCOPATED_TEST_ROOT_MODE"));
    }

    private static synchronized void markOverlayBroken() {
        overlayBroken = true;
    }

    /** Unmounts and deletes roots left under target/ by JVMs that died before closing them. */
    private static synchronized void sweepDeadRoots() {
        if (swept) {
            return;
        }
        swept = true;
        if (!Files.isDirectory(ROOTS)) {
            return;
        }
        try (var dirs = Files.list(ROOTS)) {
            for (Path d : dirs.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*-(\\d+)-\\d+$").matcher(d.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (String mp : mountsUnder(d)) {
                    Proc.run(PROJECT, List.of("umount", "-l", mp));
                }
                deleteTree(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** A path inside the root, given as an absolute path on the target ("/etc/sysctl.d/x.conf"). */
    public Path file(String targetPath) {
        return path.resolve(targetPath.replaceFirst("^/+", ""));
    }

    /** How long making this root took. */
    public Duration copyTime() {
        return copyTime;
    }

    /** True when this root is an overlay mount over the cache, false for a plain copy. */
    public boolean isOverlay() {
        return overlay;
    }

    @Override
    public void close() {
        if (overlay && !mountsUnder(path).isEmpty()) {
            Proc umount = Proc.run(PROJECT, List.of("umount", path.toString()));
            if (umount.exitCode() != 0) {
                // Busy (a process still inside): detach it now, the kernel frees it when that exits.
                Proc lazy = Proc.run(PROJECT, List.of("umount", "-l", path.toString()));
                if (lazy.exitCode() != 0) {
                    throw new AssertionError("could not unmount " + path + ": " + umount + "\n" + lazy);
                }
            }
        }
        deleteTree(dir);
    }

    /**
     * Deletes a root copy, refusing when anything is mounted inside it (deleting through a bind
     * mount of /proc or /dev would be a disaster), and never crossing into another file system.
     */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> mounts = mountsUnder(dir);
        if (!mounts.isEmpty()) {
            throw new AssertionError("refusing to delete " + dir + ": still mounted inside it: " + mounts);
        }
        Proc rm = Proc.run(PROJECT, List.of("rm", "-rf", "--one-file-system", dir.toString()));
        if (rm.exitCode() != 0) {
            throw new AssertionError("could not delete " + dir + ": " + rm);
        }
    }

    static List<String> mountsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        try {
            // Field 5 of mountinfo is the mount point (octal escapes for spaces; our paths have none).
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(mp -> mp.equals(prefix) || mp.startsWith(prefix + "/"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return "DebianRoot[" + path + "]";
    }
}
