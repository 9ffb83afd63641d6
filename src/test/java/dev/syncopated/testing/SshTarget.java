package dev.syncopated.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SSH host for the real-target tier: OpenSSH's sshd running chrooted in a fresh
 * {@link DebianRoot} (the base root ships {@code openssh-server}), listening on a loopback
 * address of its own ({@code 127.0.0.X}, X in 2..254) and a free port, reachable only with a
 * key pair made for this target and checked against a known_hosts file holding this target's own
 * host keys. Host key checking stays on: nothing here accepts an unknown key.
 *
 * <p>What sshd needs in the root: {@code /proc} and {@code /dev} bind-mounted (each made
 * private at once, so unmounting them later cannot propagate to this machine's own mounts), with
 * {@code /proc/sys} read-only, so nothing run over SSH inside the jail can change this machine's
 * kernel settings; the privilege separation directory {@code /run/sshd}; host keys made inside
 * the root ({@code ssh-keygen -A} after removing the ones the cached root was built with, so
 * every target has its own).
 *
 * <p>The target is a root filesystem on this machine, not a running system of its own: it has
 * no udevd and its {@code /proc/sys} is read-only, so specs name it with {@code offline: true}, as
 * chroot and container targets are by default.
 *
 * <p>{@link #close()} stops sshd and every process still inside the root (sessions, a lingering
 * module), unmounts, and removes the root. {@link #nothingListening()} gives an address and port
 * where nothing answers, for an unreachable host.
 */
public final class SshTarget implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    /** A loopback address and port, as a spec writes them. */
    public record Endpoint(String address, int port) {
        /** How known_hosts and ssh name this endpoint: {@code [127.0.0.X]:PORT}. */
        public String knownHostsName() {
            return "[" + address + "]:" + port;
        }
    }

    private final DebianRoot root;
    private final Path dir;
    private final Endpoint endpoint;
    private final Path privateKey;
    private final Path knownHosts;
    private final Process sshd;
    private final List<Path> mounts;

    private SshTarget(DebianRoot root, Path dir, Endpoint endpoint, Path privateKey, Path knownHosts, Process sshd,
                      List<Path> mounts) {
        this.root = root;
        this.dir = dir;
        this.endpoint = endpoint;
        this.privateKey = privateKey;
        this.knownHosts = knownHosts;
        this.sshd = sshd;
        this.mounts = mounts;
    }

    /**
     * A new root with sshd running in it. {@code workDir} (a test's temporary directory) receives
     * the client key pair, known_hosts, sshd's log and the extra inventory.
     */
    public static SshTarget start(String label, Path workDir) {
        Prerequisites.require(dev.syncopated.env.Tools.fromEnvironment().find("ssh-keygen").isPresent(),
                "ssh-keygen is not installed (apt-get install openssh-client)");
        Prerequisites.require(dev.syncopated.env.Tools.fromEnvironment().find("ssh").isPresent(),
                "ssh is not installed (apt-get install openssh-client)");
        DebianRoot root = DebianRoot.fresh("ssh-" + label);
        List<Path> mounts = new ArrayList<>();
        Process sshd = null;
        try {
            Prerequisites.require(Files.isExecutable(root.file("/usr/sbin/sshd")), "the base root " + DebianRoot.cache()
                    + " has no /usr/sbin/sshd: it predates openssh-server in build-base-root.sh; delete it to rebuild");
            Path dir = Files.createDirectories(workDir.resolve("ssh-" + label));
            long start = System.nanoTime();

            // /proc and /dev, each private before anything is mounted below it; /proc/sys read-only.
            bindPrivate(Path.of("/proc"), root.file("/proc"), mounts);
            bindPrivate(root.file("/proc/sys"), root.file("/proc/sys"), mounts);
            run(List.of("mount", "-o", "remount,bind,ro", root.file("/proc/sys").toString()));
            bindPrivate(Path.of("/dev"), root.file("/dev"), mounts);
            if (Files.isDirectory(Path.of("/dev/pts")) && Files.isDirectory(root.file("/dev/pts"))) {
                bindPrivate(Path.of("/dev/pts"), root.file("/dev/pts"), mounts);
            }

            // The client's key pair, authorised for root in the target.
            Path key = dir.resolve("id_ed25519");
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "syncopated-test-" + label, "-f", key.toString()));
            Path sshDir = root.file("/root/.ssh");
            Files.createDirectories(sshDir);
            Files.setPosixFilePermissions(sshDir, PosixFilePermissions.fromString("rwx------"));
            Path authorized = sshDir.resolve("authorized_keys");
            Files.copy(dir.resolve("id_ed25519.pub"), authorized, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));

            // Host keys of this target alone.
            try (Stream<Path> old = Files.list(root.file("/etc/ssh"))) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("ssh_host_")).toList()) {
                    Files.delete(p);
                }
            }
            run(List.of("chroot", root.path().toString(), "ssh-keygen", "-A"));
            Files.createDirectories(root.file("/run/sshd"));
            Files.setPosixFilePermissions(root.file("/run/sshd"), PosixFilePermissions.fromString("rwxr-xr-x"));

            Path log = dir.resolve("sshd.log");
            Endpoint endpoint = null;
            for (int attempt = 1; sshd == null; attempt++) {
                Endpoint candidate = freeEndpoint();
                Process p = startSshd(root, candidate, log);
                if (awaitListening(p, candidate)) {
                    sshd = p;
                    endpoint = candidate;
                } else {
                    stopProcess(p);
                    if (attempt == 3) {
                        throw new AssertionError("sshd did not listen on " + candidate.knownHostsName() + " within "
                                + START_TIMEOUT.toSeconds() + " s; its log:\n" + readQuietly(log));
                    }
                }
            }

            Path knownHosts = dir.resolve("known_hosts");
            StringBuilder lines = new StringBuilder();
            try (Stream<Path> pubs = Files.list(root.file("/etc/ssh"))) {
                for (Path pub : pubs.filter(p -> p.getFileName().toString().matches("ssh_host_.*_key\\.pub")).sorted().toList()) {
                    String[] f = Files.readString(pub).strip().split("\\s+");
                    lines.append(endpoint.knownHostsName()).append(' ').append(f[0]).append(' ').append(f[1]).append('\n');
                }
            }
            if (lines.isEmpty()) {
                throw new AssertionError("ssh-keygen -A made no host keys in " + root.file("/etc/ssh"));
            }
            Files.writeString(knownHosts, lines, StandardCharsets.UTF_8);
            Timings.record("start sshd in a root (" + label + ", " + endpoint.knownHostsName() + ")",
                    Duration.ofNanos(System.nanoTime() - start));
            return new SshTarget(root, dir, endpoint, key, knownHosts, sshd, mounts);
        } catch (IOException | RuntimeException | Error e) {
            stopProcess(sshd);
            try {
                cleanUp(root, mounts);
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) (e instanceof Error err ? sneaky(err) : e);
        }
    }

    /** A loopback address and port where nothing listens (connection refused): an unreachable host. */
    public static Endpoint nothingListening() {
        return freeEndpoint();
    }

    public DebianRoot root() {
        return root;
    }

    public String address() {
        return endpoint.address();
    }

    public int port() {
        return endpoint.port();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Path privateKey() {
        return privateKey;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /**
     * The environment Ansible needs to reach this target: the private key, known_hosts and
     * {@code IdentitiesOnly} (host key checking stays on).
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANSIBLE_PRIVATE_KEY_FILE", privateKey.toString());
        env.put("ANSIBLE_SSH_COMMON_ARGS", "-o UserKnownHostsFile=" + knownHosts + " -o IdentitiesOnly=yes");
        env.put("ANSIBLE_HOST_KEY_CHECKING", "True");
        return env;
    }

    /** True while sshd runs. */
    public boolean isRunning() {
        return sshd.isAlive();
    }

    @Override
    public void close() {
        stopProcess(sshd);
        cleanUp(root, mounts);
    }

    @Override
    public String toString() {
        return "SshTarget[" + endpoint.knownHostsName() + " in " + root.path() + "]";
    }

    // --- internals ---

    private static Process startSshd(DebianRoot root, Endpoint at, Path log) throws IOException {
        List<String> command = List.of("chroot", root.path().toString(), "/usr/sbin/sshd", "-D", "-e",
                "-p", String.valueOf(at.port()),
                "-o", "ListenAddress=" + at.address(),
                "-o", "PidFile=none",
                "-o", "UsePAM=no",
                "-o", "PermitRootLogin=prohibit-password",
                "-o", "PubkeyAuthentication=yes",
                "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no",
                "-o", "AuthorizedKeysFile=.ssh/authorized_keys",
                "-o", "MaxStartups=100",
                "-o", "MaxSessions=100",
                "-o", "UseDNS=no");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until a TCP connection to {@code at} succeeds; false if sshd exits or the time is up. */
    private static boolean awaitListening(Process sshd, Endpoint at) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(at.address(), at.port()), 500);
                return true;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    /** A 127.0.0.X address (X in 2..254) and a port the kernel says is free there. */
    private static Endpoint freeEndpoint() {
        String address = "127.0.0." + ThreadLocalRandom.current().nextInt(2, 255);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return new Endpoint(address, probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address, e);
        }
    }

    static void bindPrivate(Path source, Path target, List<Path> mounts) {
        run(List.of("mount", "--bind", source.toString(), target.toString()));
        mounts.add(target);
        run(List.of("mount", "--make-private", target.toString()));
    }

    static void cleanUp(DebianRoot root, List<Path> mounts) {
        killProcessesInside(root.path());
        List<String> failures = new ArrayList<>();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Path mp = mounts.get(i);
            Proc umount = Proc.run(DebianRoot.PROJECT, List.of("umount", mp.toString()));
            if (umount.exitCode() != 0) {
                Proc lazy = Proc.run(DebianRoot.PROJECT, List.of("umount", "-l", mp.toString()));
                if (lazy.exitCode() != 0) {
                    failures.add(mp + ": " + umount.err().strip() + " / " + lazy.err().strip());
                }
            }
        }
        mounts.clear();
        if (!failures.isEmpty()) {
            throw new AssertionError("could not unmount " + failures + "; the root " + root.path() + " is left in place");
        }
        root.close();
    }

    /** SIGKILL to every process whose root directory is {@code rootDir} (sshd's sessions, stray modules). */
    static void killProcessesInside(Path rootDir) {
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> inside = processesInside(rootDir);
            if (inside.isEmpty()) {
                return;
            }
            inside.forEach(ProcessHandle::destroyForcibly);
            sleep(100);
        }
    }

    /** The live processes whose root directory ({@code /proc/PID/root}) is {@code rootDir}. */
    public static List<ProcessHandle> processesInside(Path rootDir) {
        Path wanted = rootDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                Path r = Path.of("/proc", String.valueOf(p.pid()), "root");
                return Files.isSymbolicLink(r) && Files.readSymbolicLink(r).equals(wanted)
                        && Files.exists(r, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | SecurityException e) {
                return false;
            }
        }).toList();
    }

    private static void stopProcess(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void run(List<String> command) {
        Proc p = Proc.run(DebianRoot.PROJECT, command);
        if (p.exitCode() != 0) {
            throw new AssertionError("failed: " + command + ": " + p);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static RuntimeException sneaky(Error e) {
        throw e;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
