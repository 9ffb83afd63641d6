package dev.syncopated.roles;

import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.PodmanService;
import dev.syncopated.testing.Proc;
import dev.syncopated.testing.Timings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * A Debian 12 target the roles are applied to, reached the way a spec reaches it (a chroot
 * directory or a container name), with a shell inside it for the checks. Prepared like the roles'
 * own shell tests (tests/roles/prepare-root.sh): a stand-in /etc/default/grub with
 * {@code GRUB_CMDLINE_LINUX_DEFAULT="quiet"} and an empty /etc/default/grub.d/ (grub itself is not
 * installed, there is no /boot/grub), user alice, and the downloaded .debs of earlier runs in apt's
 * archive directory.
 */
abstract class Target {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    /** .debs kept between runs, as tests/roles does; only speeds up apt, apt checks their hashes. */
    static final Path DEB_CACHE = Path.of(System.getenv().getOrDefault("SYNCOPATED_TEST_DEB_CACHE", "/var/cache/syncopated/debs"));
    private static final String ARCHIVES = "/var/cache/apt/archives";

    static final String PREPARE = String.join("\n",
            "set -e",
            "mkdir -p /etc/default/grub.d",
            "printf 'GRUB_DEFAULT=0\\nGRUB_TIMEOUT=5\\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\\nGRUB_CMDLINE_LINUX=\"\"\\n' > /etc/default/grub",
            "id alice >/dev/null 2>&1 || useradd -m -s /bin/bash alice",
            "");

    /** "chroot" or "container": the spec's connection. */
    abstract String connection();

    /** The spec's address: the root directory or the container name. */
    abstract String address();

    /** Environment for ansible-playbook (DOCKER_HOST for containers). */
    abstract Map<String, String> env();

    /** Runs {@code /bin/sh -c script} inside the target. */
    abstract Proc sh(String script);

    /** Puts the cached .debs into the target's apt archive directory. */
    abstract void seedDebs();

    /** Keeps .debs apt downloaded into the target for the next runs. */
    abstract void harvestDebs();

    /** A short name for messages and timings: "chroot" or "container". */
    String kind() {
        return connection();
    }

    /** Runs a script and fails with its output unless it exits 0; returns stdout. */
    String shOk(String what, String script) {
        Proc p = sh(script);
        if (p.exitCode() != 0) {
            throw new AssertionError(what + " failed in the " + kind() + " target: " + p);
        }
        return p.out();
    }

    void prepare() {
        long start = System.nanoTime();
        shOk("preparing (stand-in grub, user alice)", PREPARE);
        seedDebs();
        Timings.record("roles: prepare a " + kind() + " target (grub stand-in, alice, cached .debs)",
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** A DebianRoot reached with {@code connection: chroot}. */
    static final class Chroot extends Target {
        private final DebianRoot root;

        Chroot(DebianRoot root) {
            this.root = root;
        }

        @Override
        String connection() {
            return "chroot";
        }

        @Override
        String address() {
            return root.path().toString();
        }

        @Override
        Map<String, String> env() {
            return Map.of();
        }

        @Override
        Proc sh(String script) {
            return Proc.run(PROJECT, Map.of("LC_ALL", "C"), List.of("chroot", root.path().toString(), "/bin/sh", "-c", script));
        }

        @Override
        void seedDebs() {
            if (Files.isDirectory(DEB_CACHE)) {
                Proc cp = Proc.run(PROJECT, List.of("cp", "-a", DEB_CACHE + "/.", root.file(ARCHIVES).toString()));
                if (cp.exitCode() != 0) {
                    System.out.println("[roles] could not seed cached .debs (apt will download them): " + cp);
                }
            }
        }

        @Override
        void harvestDebs() {
            Path archives = root.file(ARCHIVES);
            try {
                Files.createDirectories(DEB_CACHE);
                try (Stream<Path> debs = Files.list(archives)) {
                    for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                        Path dest = DEB_CACHE.resolve(deb.getFileName().toString());
                        if (!Files.exists(dest)) {
                            // Copy, then rename: a concurrent reader never sees half a file.
                            Path tmp = DEB_CACHE.resolve("." + deb.getFileName() + ".tmp-" + ProcessHandle.current().pid());
                            Files.copy(deb, tmp, StandardCopyOption.REPLACE_EXISTING);
                            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("[roles] could not keep downloaded .debs in " + DEB_CACHE + ": " + e);
            }
        }
    }

    /** A container of the base image reached with {@code connection: container}. */
    static final class Container extends Target {
        private final PodmanService podman;
        private final GenericContainer<?> container;
        private final String name;

        Container(PodmanService podman, GenericContainer<?> container, String name) {
            this.podman = podman;
            this.container = container;
            this.name = name;
        }

        @Override
        String connection() {
            return "container";
        }

        @Override
        String address() {
            return name;
        }

        @Override
        Map<String, String> env() {
            return podman.env();
        }

        @Override
        Proc sh(String script) {
            try {
                ExecResult r = container.execInContainer("env", "LC_ALL=C", "/bin/sh", "-c", script);
                return new Proc(r.getExitCode(), r.getStdout(), r.getStderr());
            } catch (IOException e) {
                throw new AssertionError("exec in container " + name + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        void seedDebs() {
            if (Files.isDirectory(DEB_CACHE)) {
                Proc cp = podman.podman("cp", DEB_CACHE + "/.", name + ":" + ARCHIVES + "/");
                if (cp.exitCode() != 0) {
                    System.out.println("[roles] could not seed cached .debs (apt will download them): " + cp);
                }
            }
        }

        @Override
        void harvestDebs() {
            // The chroot runs keep the cache filled; the container installs the same packages.
        }
    }
}
