package dev.syncopated.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.AnsibleRun;
import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Proc;
import dev.syncopated.testing.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The life cycle of a set of roles on one target, through syncopated itself: a spec with one host
 * ({@code connection} and {@code address} of the target) is rendered with {@code syncopated render}
 * for each state (present, info, absent) and run with real ansible-playbook; each step is timed and
 * checked against the roles' {@link RoleExpectations}.
 *
 * <p>Steps, in the order the tests call them: {@link #snapshotBefore()}, {@link #present()},
 * {@link #assertPresentState()}, {@link #presentAgain()}, {@link #check()}, {@link #info()},
 * {@link #absent()}, {@link #assertAbsentState()}.
 */
final class Lifecycle {
    static final String HOST = "target";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANAGED = "managed by syncopated";
    /** Account databases: packages may add system accounts, but every line there before must stay. */
    private static final Set<String> ACCOUNT_DBS = Set.of("/etc/passwd", "/etc/group", "/etc/shadow", "/etc/gshadow");
    private static final Pattern NO_PATH = Pattern.compile("no path found matching pattern (/.*)");

    private final Target target;
    private final List<RoleExpectations> roles;
    private final Path work;
    private final String row;
    private final Map<String, Path> projects = new HashMap<>();
    private final long started = System.nanoTime();

    private SortedMap<String, String> etcBefore;
    private Map<String, String> accountsBefore;
    private Map<String, String> placeholders;

    Lifecycle(Target target, List<RoleExpectations> roles, Path work, String row) {
        this.target = target;
        this.roles = roles;
        this.work = work;
        this.row = row;
    }

    // ------------------------------------------------------------------ the steps

    /** Records every file under /etc (content hash, link target) and the account databases. */
    void snapshotBefore() {
        etcBefore = etcSnapshot();
        accountsBefore = new HashMap<>();
        for (String db : ACCOUNT_DBS) {
            accountsBefore.put(db, target.shOk("reading " + db, "cat " + db));
        }
    }

    AnsibleRun present() {
        AnsibleRun run = apply("present", "present");
        assertTrue(run.host(HOST).changed() > 0, row + ": the first present changes something: " + run);
        target.harvestDebs();
        return run;
    }

    /** Files with their lines, and packages, as the expectations say. */
    void assertPresentState() {
        List<String> problems = new ArrayList<>();
        Map<String, String> status = packageStatus();
        for (RoleExpectations role : roles) {
            for (RoleExpectations.FileExpectation f : role.files()) {
                Proc cat = target.sh("cat '" + f.path() + "'");
                if (cat.exitCode() != 0) {
                    problems.add(role.role() + ": " + f.path() + " is missing after present");
                    continue;
                }
                String content = cat.out();
                int before = problems.size();
                Set<String> lines = new LinkedHashSet<>();
                content.lines().map(Lifecycle::normalize).forEach(lines::add);
                for (String line : f.lines()) {
                    String want = normalize(fill(line));
                    if (!lines.contains(want)) {
                        problems.add(role.role() + ": " + f.path() + " has no line '" + want + "'");
                    }
                }
                for (String part : f.contains()) {
                    String want = fill(part);
                    if (!content.contains(want)) {
                        problems.add(role.role() + ": " + f.path() + " does not contain '" + want + "'");
                    }
                }
                if (!content.toLowerCase().contains(MANAGED)) {
                    problems.add(role.role() + ": " + f.path() + " does not say it is " + MANAGED);
                }
                if (problems.size() > before) {
                    problems.add("content of " + f.path() + ":\n" + content.indent(6));
                }
            }
            for (String pkg : role.packages()) {
                String p = fill(pkg);
                if (!"ii".equals(status.get(p))) {
                    problems.add(role.role() + ": package " + p + " is not installed after present (dpkg status "
                            + status.getOrDefault(p, "unknown") + ")");
                }
            }
        }
        Matrix.cell(row, "files+pkgs", problems.isEmpty() ? "ok" : "FAIL");
        assertTrue(problems.isEmpty(), row + ": after present:\n  " + String.join("\n  ", problems));
    }

    void presentAgain() {
        AnsibleRun run = apply("again", "present");
        assertEquals(0, run.host(HOST).changed(), row + ": a second present changes nothing: " + run);
    }

    void check() {
        AnsibleRun run = apply("--check", "present", "--check");
        assertEquals(0, run.host(HOST).changed(), row + ": --check after present changes nothing: " + run);
    }

    /** info changes nothing and sets {@code <role>_findings} with the expected keys. */
    void info() {
        AnsibleRun run = apply("info", "info");
        assertEquals(0, run.host(HOST).changed(), row + ": info changes nothing: " + run);
        List<String> problems = new ArrayList<>();
        for (RoleExpectations role : roles) {
            String fact = role.role() + "_findings";
            JsonNode findings = lastFact(run.json(), fact);
            if (findings == null) {
                problems.add(fact + " is not in the run's facts");
                continue;
            }
            String shown = findings.toString();
            System.out.println("[roles] " + row + ": " + fact + " = "
                    + (shown.length() > 600 ? shown.substring(0, 600) + "…" : shown));
            role.findings().forEach((key, want) -> {
                JsonNode got = findings.get(key);
                if (got == null) {
                    problems.add(fact + " has no key '" + key + "': " + findings);
                } else if (want != null && !JSON.valueToTree(want).equals(got)) {
                    problems.add(fact + "." + key + " is " + got + ", expected " + JSON.valueToTree(want));
                }
            });
        }
        Matrix.cell(row, "findings", problems.isEmpty() ? "ok" : "FAIL");
        assertTrue(problems.isEmpty(), row + ": after info:\n  " + String.join("\n  ", problems));
    }

    void absent() {
        apply("absent", "absent");
    }

    /**
     * After absent: the roles' files are gone (or the package's own file is back), no file under /etc
     * says it is managed by syncopated, packages are kept or removed as expected, and nothing else
     * under /etc was touched: every file there before present is unchanged, and every new one belongs
     * to a package (or, for links, points at a file that does), except the declared side effects of
     * the packages the roles keep installed.
     */
    void assertAbsentState() {
        List<String> problems = new ArrayList<>();
        Map<String, String> sideEffects = new LinkedHashMap<>();
        boolean packagesStay = false;
        Map<String, String> status = packageStatus();
        for (RoleExpectations role : roles) {
            role.sideEffects().forEach((path, why) -> sideEffects.put(path, role.role() + ": " + why));
            packagesStay |= role.packagesKept() && !role.packages().isEmpty();
            for (RoleExpectations.FileExpectation f : role.files()) {
                Proc cat = target.sh("cat '" + f.path() + "'");
                if (!f.restored() && cat.exitCode() == 0) {
                    problems.add(role.role() + ": " + f.path() + " is still there after absent");
                } else if (f.restored()) {
                    if (cat.exitCode() != 0) {
                        problems.add(role.role() + ": " + f.path() + " (the package's file) is gone after absent");
                    } else {
                        String verify = target.sh("dpkg --verify $(dpkg -S '" + f.path() + "' | cut -d: -f1)").out();
                        if (verify.contains(" " + f.path())) {
                            problems.add(role.role() + ": " + f.path() + " differs from the package's file after absent: " + verify.strip());
                        }
                    }
                }
            }
            for (String pkg : role.packages()) {
                String p = fill(pkg);
                boolean installed = "ii".equals(status.get(p));
                if (role.packagesKept() && !installed) {
                    problems.add(role.role() + ": package " + p + " was removed by absent (it should stay)");
                } else if (!role.packagesKept() && installed) {
                    problems.add(role.role() + ": package " + p + " is still installed after absent");
                }
            }
        }
        String managed = target.sh("grep -rlIi '" + MANAGED + "' /etc").out().strip();
        if (!managed.isEmpty()) {
            problems.add("files under /etc still say '" + MANAGED + "': " + managed.replace('\n', ' '));
        }
        if (target.sh("test -e /etc/syncopated").exitCode() == 0) {
            problems.add("/etc/syncopated is still there: " + target.sh("find /etc/syncopated").out().strip().replace('\n', ' '));
        }

        SortedMap<String, String> after = etcSnapshot();
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, String> e : etcBefore.entrySet()) {
            String path = e.getKey();
            String now = after.get(path);
            if (e.getValue().equals(now)) {
                continue;
            }
            if (sideEffects.containsKey(path)) {
                allowed.add(path + " (" + sideEffects.get(path) + ")");
            } else if (ACCOUNT_DBS.stream().anyMatch(db -> path.equals(db + "-"))) {
                allowed.add(path + " (the shadow tools' backup of " + path.substring(0, path.length() - 1) + ")");
            } else if (now == null) {
                problems.add(path + " existed before present and is gone after absent");
            } else if (ACCOUNT_DBS.contains(path) && packagesStay) {
                String content = target.shOk("reading " + path, "cat " + path);
                Set<String> nowLines = new LinkedHashSet<>(content.lines().toList());
                List<String> lost = accountsBefore.get(path).lines().filter(l -> !nowLines.contains(l)).toList();
                if (lost.isEmpty()) {
                    allowed.add(path + " (only new system accounts, from the packages that stay)");
                } else {
                    problems.add(path + " lines changed or lost after absent: " + lost);
                }
            } else {
                problems.add(path + " changed between before present and after absent");
            }
        }
        List<String> fresh = after.keySet().stream().filter(p -> !etcBefore.containsKey(p)).toList();
        List<String> unowned = new ArrayList<>();
        for (String path : fresh) {
            if (sideEffects.containsKey(path)) {
                allowed.add(path + " (" + sideEffects.get(path) + ")");
            } else {
                unowned.add(path);
            }
        }
        unowned = notOwnedByPackages(unowned, after);
        for (String path : unowned) {
            problems.add(path + " is new after absent and belongs to no package (dpkg -S): " + after.get(path));
        }
        if (!allowed.isEmpty()) {
            System.out.println("[roles] " + row + ": changes under /etc accepted after absent:\n  " + String.join("\n  ", allowed));
        }
        Matrix.cell(row, "clean", problems.isEmpty() ? "ok (" + fresh.size() + " new files, packaged)" : "FAIL");
        Matrix.total(row, Duration.ofNanos(System.nanoTime() - started));
        assertTrue(problems.isEmpty(), row + ": after absent:\n  " + String.join("\n  ", problems));
    }

    /** The kernel command line grub-mkconfig would see: /etc/default/grub, then grub.d/*.cfg, in order. */
    List<String> kernelCmdline() {
        String line = target.shOk("reading the GRUB command line", String.join("\n",
                ". /etc/default/grub",
                "for f in /etc/default/grub.d/*.cfg; do [ -e \"$f\" ] && . \"$f\"; done",
                "printf '%s\\n' \"$GRUB_CMDLINE_LINUX_DEFAULT\""));
        return List.of(line.strip().split("\\s+"));
    }

    /** The expected parts of the command line of all roles here, placeholders filled in. */
    List<String> expectedCmdlineParts() {
        List<String> parts = new ArrayList<>();
        roles.forEach(r -> r.cmdline().forEach(p -> parts.add(fill(p))));
        return parts;
    }

    Target target() {
        return target;
    }

    String row() {
        return row;
    }

    // ------------------------------------------------------------------ running

    private AnsibleRun apply(String step, String state, String... args) {
        Path project = projects.computeIfAbsent(state, this::render);
        Map<String, String> env = new HashMap<>(target.env());
        // The rendered ansible.cfg keeps facts in the state directory for two hours; keep them with this test.
        env.put("ANSIBLE_CACHE_PLUGIN_CONNECTION", work.resolve("fact-cache").toString());
        long start = System.nanoTime();
        AnsibleRun run = AnsibleRun.playbook(project, env, args);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Timings.record("roles " + row + ": " + step, took);
        String cell = run.succeeded() ? "changed=" + run.host(HOST).changed() : "FAILED";
        Matrix.cell(row, step, String.format("%s, %.0f s", cell, took.toMillis() / 1000.0));
        assertTrue(run.succeeded(), row + ": " + step + " failed: " + run);
        return run;
    }

    private Path render(String state) {
        try {
            Files.createDirectories(work);
            StringBuilder spec = new StringBuilder()
                    .append("# Rendered by dev.syncopated.roles.Lifecycle: ").append(row).append(", state ").append(state).append('\n')
                    .append("name: roles-it\n")
                    .append("hosts:\n")
                    .append("  ").append(HOST).append(":\n")
                    .append("    connection: ").append(target.connection()).append('\n')
                    .append("    address: ").append(JSON.writeValueAsString(target.address())).append('\n')
                    .append("    roles:\n");
            for (RoleExpectations role : roles) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("state", state);
                entry.putAll(role.options());
                spec.append("      ").append(role.role()).append(": ").append(JSON.writeValueAsString(entry)).append('\n');
            }
            Path file = work.resolve("spec-" + state + ".yaml");
            Files.writeString(file, spec.toString(), StandardCharsets.UTF_8);
            Path out = work.resolve("project-" + state);
            CliRun render = CliRun.of("render", file.toString(), "--out", out.toString());
            assertEquals(0, render.exitCode(), "syncopated render " + file + ":\n" + spec + "\n" + render.out() + render.err());
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ reading the target

    /** Path → "sha256" for regular files, "link:TARGET" for symbolic links, under /etc (one file system). */
    private SortedMap<String, String> etcSnapshot() {
        String out = target.shOk("hashing /etc", String.join("\n",
                "find /etc -xdev -type f -print0 | xargs -0 -r sha256sum",
                "find /etc -xdev -type l -printf 'link:%l  %p\\n'"));
        SortedMap<String, String> files = new TreeMap<>();
        for (String line : out.lines().toList()) {
            int sep = line.startsWith("link:") ? line.lastIndexOf("  /etc/") : line.indexOf("  /etc/");
            if (sep > 0) {
                files.put(line.substring(sep + 2), line.substring(0, sep));
            }
        }
        return files;
    }

    /** Package → the two-letter dpkg status ("ii" installed, "rc" removed with its conffiles left). */
    private Map<String, String> packageStatus() {
        String out = target.shOk("dpkg-query -W", "dpkg-query -W -f='${db:Status-Abbrev}\\t${Package}\\n'");
        Map<String, String> status = new HashMap<>();
        out.lines().map(l -> l.split("\t")).filter(p -> p.length == 2).forEach(p -> status.put(p[1].strip(), p[0].strip()));
        return status;
    }

    /**
     * The paths no installed package owns ({@code dpkg -S}). A link counts as owned when it, or the
     * file it points at, belongs to a package: the links maintainer scripts make (update-rc.d,
     * deb-systemd-helper, update-alternatives) are nobody's, their targets are.
     */
    private List<String> notOwnedByPackages(List<String> paths, Map<String, String> snapshot) {
        if (paths.isEmpty()) {
            return List.of();
        }
        Set<String> unowned = new TreeSet<>(dpkgUnowned(paths));
        Map<String, List<String>> linkTargets = new LinkedHashMap<>();
        for (String path : unowned) {
            String v = snapshot.getOrDefault(path, "");
            if (v.startsWith("link:")) {
                String dest = v.substring("link:".length());
                String parent = path.substring(0, path.lastIndexOf('/'));
                String literal = dest.startsWith("/") ? dest : parent + "/" + dest;
                String canonical = target.sh("readlink -f '" + path + "'").out().strip();
                List<String> candidates = new ArrayList<>(List.of(Path.of(literal).normalize().toString()));
                if (!canonical.isEmpty()) {
                    candidates.add(canonical);
                }
                linkTargets.put(path, candidates);
            }
        }
        if (!linkTargets.isEmpty()) {
            List<String> all = linkTargets.values().stream().flatMap(List::stream).distinct().toList();
            Set<String> targetsUnowned = new TreeSet<>(dpkgUnowned(all));
            linkTargets.forEach((link, candidates) -> {
                if (candidates.stream().anyMatch(c -> !targetsUnowned.contains(c))) {
                    unowned.remove(link);
                }
            });
        }
        return List.copyOf(unowned);
    }

    private List<String> dpkgUnowned(List<String> paths) {
        StringBuilder cmd = new StringBuilder("dpkg -S");
        paths.forEach(p -> cmd.append(" '").append(p.replace("'", "'\\''")).append('\''));
        Proc s = target.sh(cmd.toString());
        List<String> missing = new ArrayList<>();
        Matcher m = NO_PATH.matcher(s.err());
        while (m.find()) {
            missing.add(m.group(1).strip());
        }
        if (s.exitCode() != 0 && missing.isEmpty()) {
            throw new AssertionError("dpkg -S failed without naming a path: " + s);
        }
        return missing;
    }

    /** The value of fact {@code name} for the host, from the last task that set it. */
    private static JsonNode lastFact(JsonNode doc, String name) {
        JsonNode found = null;
        for (JsonNode play : doc.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                JsonNode v = task.path("hosts").path(HOST).path("ansible_facts").get(name);
                if (v != null) {
                    found = v;
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ placeholders

    /** Fills {{arch}} and {{housekeeping}} from the target (asked once). */
    String fill(String s) {
        if (!s.contains("{{")) {
            return s;
        }
        if (placeholders == null) {
            placeholders = new HashMap<>();
            placeholders.put("arch", target.shOk("dpkg --print-architecture", "dpkg --print-architecture").strip());
            int cpus = Integer.parseInt(target.shOk("getconf", "getconf _NPROCESSORS_CONF").strip());
            String cores = RoleExpectations.load("cpu_isolation").options().getOrDefault("cores", "").toString();
            for (RoleExpectations r : roles) {
                if (r.role().equals("cpu_isolation") && r.options().containsKey("cores")) {
                    cores = r.options().get("cores").toString();
                }
            }
            placeholders.put("housekeeping", Cpulist.format(Cpulist.complement(Cpulist.parse(cores), cpus)));
        }
        String out = s;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        if (out.contains("{{")) {
            throw new AssertionError("unknown placeholder in expectation '" + s + "' (known: " + placeholders.keySet() + ")");
        }
        return out;
    }

    private static String normalize(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
