package dev.syncopated.targets;

import dev.syncopated.env.Tools;
import dev.syncopated.testing.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The parts of this machine that the audio roles would change if they ever acted on the machine
 * running the tests instead of their target: kernel tunables (vm.*, fs.inotify.*,
 * kernel.sched_rt*), loaded modules, running services and the drop-in directories the roles
 * write to. A source the machine does not have (no /proc/modules on a kernel without modules,
 * no systemd as PID 1 in a container) is recorded as one "unavailable: why" entry, so before and
 * after still compare and {@link #describe()} says what was really checked.
 */
record HostSnapshot(SortedMap<String, String> sysctl, SortedSet<String> modules, SortedSet<String> services,
        SortedMap<String, String> ownedFiles) {

    private static final List<String> SYSCTL_PREFIXES = List.of("vm.", "fs.inotify.", "kernel.sched_rt");
    private static final List<String> DROP_IN_DIRS = List.of("/etc/sysctl.d", "/etc/udev/rules.d", "/etc/modprobe.d",
            "/etc/security/limits.d", "/etc/default/grub.d", "/etc/pipewire/pipewire.conf.d", "/etc/sysctl.conf",
            "/etc/security/limits.conf", "/etc/default/grub");
    private static final Path HERE = Path.of("").toAbsolutePath();

    static HostSnapshot take() {
        return new HostSnapshot(readSysctls(), readModules(), readServices(), readFiles());
    }

    String describe() {
        return sysctl.size() + " sysctl keys under " + SYSCTL_PREFIXES + ", modules " + summary(modules)
                + ", running services " + summary(services) + ", " + ownedFiles.size() + " files in " + DROP_IN_DIRS;
    }

    private static String summary(SortedSet<String> set) {
        return set.size() == 1 && set.first().startsWith("unavailable") ? "[" + set.first() + "]" : set.size() + " names";
    }

    private static SortedMap<String, String> readSysctls() {
        SortedMap<String, String> values = new TreeMap<>();
        if (Tools.fromEnvironment().find("sysctl").isPresent()) {
            // Unreadable keys (write-only ones such as vm.compact_memory) go to stderr; ignored.
            Proc all = Proc.run(HERE, List.of("sysctl", "-a"));
            all.out().lines().forEach(line -> {
                int eq = line.indexOf(" = ");
                if (eq > 0 && SYSCTL_PREFIXES.stream().anyMatch(line::startsWith)) {
                    values.put(line.substring(0, eq), line.substring(eq + 3));
                }
            });
        } else {
            // What sysctl -a reads: /proc/sys, with dots for slashes.
            Path sys = Path.of("/proc/sys");
            try (Stream<Path> walk = Files.walk(sys)) {
                walk.filter(Files::isRegularFile).forEach(p -> {
                    String key = sys.relativize(p).toString().replace('/', '.');
                    if (SYSCTL_PREFIXES.stream().anyMatch(key::startsWith)) {
                        try {
                            values.put(key, Files.readString(p).strip().replaceAll("\\s+", "\t"));
                        } catch (IOException e) {
                            // write-only or permission denied, as sysctl -a skips them
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (values.isEmpty()) {
            throw new AssertionError("no sysctl keys under " + SYSCTL_PREFIXES + " could be read on this machine");
        }
        return values;
    }

    private static SortedSet<String> readModules() {
        SortedSet<String> names = new TreeSet<>();
        Path procModules = Path.of("/proc/modules");
        if (Tools.fromEnvironment().find("lsmod").isPresent()) {
            Proc lsmod = Proc.run(HERE, List.of("lsmod"));
            lsmod.out().lines().skip(1).map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).forEach(names::add);
            if (lsmod.exitCode() != 0) {
                names.add("unavailable: lsmod exit " + lsmod.exitCode() + ": " + lsmod.err().strip());
            }
        } else if (Files.isReadable(procModules)) {
            try {
                Files.readAllLines(procModules).stream().map(l -> l.split(" ")[0]).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            names.add("unavailable: no lsmod and no /proc/modules (a kernel without loadable modules)");
        }
        return names;
    }

    private static SortedSet<String> readServices() {
        SortedSet<String> names = new TreeSet<>();
        if (Tools.fromEnvironment().find("systemctl").isEmpty()) {
            names.add("unavailable: no systemctl");
            return names;
        }
        Proc units = Proc.run(HERE, List.of("systemctl", "list-units", "--type=service", "--state=running",
                "--no-legend", "--plain", "--no-pager"));
        if (units.exitCode() != 0) {
            names.add("unavailable: " + (units.err() + units.out()).strip().lines().findFirst().orElse("exit " + units.exitCode()));
            return names;
        }
        units.out().lines().map(String::strip).filter(s -> !s.isEmpty()).map(l -> l.split("\\s+")[0]).forEach(names::add);
        return names;
    }

    private static SortedMap<String, String> readFiles() {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (String dir : DROP_IN_DIRS) {
            Path base = Path.of(dir);
            if (!Files.exists(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    hashes.put(p.toString(), sha256(Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
