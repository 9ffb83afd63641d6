package dev.syncopated.roles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What one role must do on a Debian 12 target, read from {@code src/test/resources/roles/<role>.yaml}
 * (the format is described in README.md beside those files). Unknown keys are errors, so a typo in
 * an expectation cannot silently turn a check off.
 *
 * <p>Values may use placeholders that depend on the target, filled in by {@link Lifecycle#fill}:
 * {@code {{arch}}} (dpkg architecture) and {@code {{housekeeping}}} (the CPUs of the target that are
 * not in the cpu_isolation cores, as a cpulist).
 *
 * @param role          the role name (the file name without .yaml)
 * @param options       the spec options for the role (as written in a spec's role map, without state)
 * @param packages      packages that present must leave installed (dpkg-query -W)
 * @param packagesKept  true when absent keeps them, false when absent removes them
 * @param files         the files present writes, in file order
 * @param findings      keys that {@code <role>_findings} must have after info; a non-null value must match
 * @param cmdline       the role's parts of the kernel command line (empty for roles that add none)
 * @param sideEffects   files under /etc that the role's packages' maintainer scripts create or change
 *                      without a package owning them, with the reason (allowed after absent)
 */
record RoleExpectations(String role, Map<String, Object> options, List<String> packages, boolean packagesKept,
        List<FileExpectation> files, Map<String, Object> findings, List<String> cmdline, Map<String, String> sideEffects) {

    /** The nine roles, in the order the catalog applies them (spec.md, "Apply order"). */
    static final List<String> ROLES = List.of("rt_kernel", "cpu_isolation", "cpu_power", "rtirq", "realtime_limits",
            "audio_sysctl", "usb_audio", "pipewire", "latency_probe");

    static final Path DIR = Path.of("src/test/resources/roles").toAbsolutePath();

    /**
     * One file the role owns.
     *
     * @param path        absolute path on the target
     * @param lines       lines the file must have, compared after trimming and collapsing whitespace
     * @param contains    substrings the file must contain
     * @param restored    true when absent puts back the package's own file (then it must exist after
     *                    absent, unmodified according to {@code dpkg --verify}); false: absent deletes it
     */
    record FileExpectation(String path, List<String> lines, List<String> contains, boolean restored) {}

    /** Every role with an expectations file, in apply order; fails when a catalog role has no file. */
    static List<RoleExpectations> all() {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(DIR)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RoleExpectations> all = new ArrayList<>();
        for (String role : ROLES) {
            if (!files.remove(role)) {
                throw new AssertionError("no expectations for role " + role + ": add " + DIR.resolve(role + ".yaml"));
            }
            all.add(load(role));
        }
        for (String extra : files) {
            all.add(load(extra)); // a new role: its file is enough to put it into the matrix
        }
        return all;
    }

    static RoleExpectations load(String role) {
        Path file = DIR.resolve(role + ".yaml");
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String where = file.toString();
        Map<String, Object> top = map(doc == null ? Map.of() : doc, where);
        only(top, where, "options", "packages", "files", "findings", "cmdline", "side_effects");

        Map<String, Object> packages = map(top.getOrDefault("packages", Map.of()), where + ": packages");
        only(packages, where + ": packages", "installed", "after_absent");
        String afterAbsent = String.valueOf(packages.getOrDefault("after_absent", "kept"));
        if (!afterAbsent.equals("kept") && !afterAbsent.equals("removed")) {
            throw new AssertionError(where + ": packages.after_absent must be kept or removed, not " + afterAbsent);
        }

        List<FileExpectation> files = new ArrayList<>();
        map(top.getOrDefault("files", Map.of()), where + ": files").forEach((path, spec) -> {
            String at = where + ": files." + path;
            if (!path.startsWith("/")) {
                throw new AssertionError(at + ": paths are absolute paths on the target");
            }
            Map<String, Object> f = map(spec == null ? Map.of() : spec, at);
            only(f, at, "lines", "contains", "after_absent");
            String after = String.valueOf(f.getOrDefault("after_absent", "gone"));
            if (!after.equals("gone") && !after.equals("package")) {
                throw new AssertionError(at + ": after_absent must be gone or package, not " + after);
            }
            files.add(new FileExpectation(path, strings(f.get("lines"), at + ".lines"),
                    strings(f.get("contains"), at + ".contains"), after.equals("package")));
        });

        Map<String, Object> findings = new LinkedHashMap<>();
        Object f = top.get("findings");
        if (f instanceof List<?> keys) {
            keys.forEach(k -> findings.put(String.valueOf(k), null));
        } else if (f != null) {
            findings.putAll(map(f, where + ": findings"));
        }
        if (findings.isEmpty()) {
            throw new AssertionError(where + ": findings must name at least one key of " + role + "_findings");
        }

        Map<String, String> sideEffects = new LinkedHashMap<>();
        map(top.getOrDefault("side_effects", Map.of()), where + ": side_effects")
                .forEach((k, v) -> sideEffects.put(k, String.valueOf(v)));

        return new RoleExpectations(role, Collections.unmodifiableMap(map(top.getOrDefault("options", Map.of()), where + ": options")),
                strings(packages.get("installed"), where + ": packages.installed"), afterAbsent.equals("kept"),
                List.copyOf(files), Collections.unmodifiableMap(findings), strings(top.get("cmdline"), where + ": cmdline"),
                Collections.unmodifiableMap(sideEffects));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new AssertionError(where + ": expected a mapping, got " + o);
        }
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    private static List<String> strings(Object o, String where) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new AssertionError(where + ": expected a list, got " + o);
        }
        return l.stream().map(String::valueOf).toList();
    }

    private static void only(Map<String, Object> m, String where, String... allowed) {
        Set<String> unknown = new TreeSet<>(m.keySet());
        unknown.removeAll(List.of(allowed));
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + ": unknown keys " + unknown + " (allowed: " + List.of(allowed) + ")");
        }
    }

    @Override
    public String toString() {
        return role; // the parameterized test's display name
    }
}
