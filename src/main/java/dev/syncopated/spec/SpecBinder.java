package dev.syncopated.spec;

import dev.syncopated.spec.yaml.YMap;
import dev.syncopated.spec.yaml.YNode;
import dev.syncopated.spec.yaml.YScalar;
import dev.syncopated.spec.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds the YAML of one spec file to its structure: the keys at each level, their types, states
 * and connections. Role names and option values are left to the {@link SpecChecker}, which knows
 * the catalog. Every problem is reported; binding goes on past it.
 */
final class SpecBinder {
    static final List<String> TOP_KEYS = List.of("name", "include", "roles", "groups", "hosts", "fleet");
    static final List<String> GROUP_KEYS = List.of("roles", "health");
    static final List<String> HOST_KEYS =
            List.of("address", "user", "port", "connection", "become", "python", "offline", "groups", "roles", "health");
    static final List<String> FLEET_KEYS = List.of("repo", "branch", "interval", "known_hosts", "hold_while_playing");
    static final List<String> HEALTH_KEYS = List.of("command", "timeout");
    /** What nodes can fetch: https, ssh and file URLs, and scp-like {@code git@host:path}. */
    private static final Pattern REPO_URL = Pattern.compile("(https?|ssh|git|file)://\\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\\S+");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("^[a-z]+://[^/@]+:[^/@]*@.*");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/-]*");
    private static final java.time.Duration MIN_INTERVAL = java.time.Duration.ofMinutes(1);
    private static final java.time.Duration MAX_TIMEOUT = java.time.Duration.ofHours(1);
    /** Group names become Ansible inventory groups, which allow only these characters. */
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Diagnostics diagnostics;

    SpecBinder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    SpecPart bind(YNode root) {
        if (!(root instanceof YMap top)) {
            diagnostics.error(root.position(), "", "the top level of a spec must be a mapping, got " + root.kindName(),
                    "start the file with keys such as 'name:', 'roles:' and 'hosts:'");
            return SpecPart.empty();
        }
        checkKeys(top, "", TOP_KEYS, "top-level keys");
        Located<String> name = optionalString(top, "name", "");
        List<Located<String>> includes = stringList(top, "include", "", true);
        Map<String, RoleEntry> roles = roles(top.get("roles"), "roles");
        Map<String, GroupSpec> groups = groups(top.get("groups"));
        Map<String, HostSpec> hosts = hosts(top.get("hosts"));
        FleetSettings fleet = fleet(top.get("fleet"));
        return new SpecPart(name, includes == null ? List.of() : includes, roles, groups, hosts, fleet);
    }

    private FleetSettings fleet(YNode node) {
        YMap map = mapping(node, "fleet", "a mapping with 'repo:', 'branch:', 'interval:' and 'known_hosts:'");
        if (map == null) {
            return null;
        }
        checkKeys(map, "fleet", FLEET_KEYS, "fleet keys");
        Located<String> repo = optionalString(map, "repo", "fleet");
        if (repo != null) {
            if (URL_CREDENTIALS.matcher(repo.value()).matches()) {
                diagnostics.error(repo.position(), repo.path(), "the repository URL carries a password or token",
                        "a spec is committed to git: remove it from the URL and set SYNCOPATED_GIT_TOKEN where pulls run");
                repo = null;
            } else if (!REPO_URL.matcher(repo.value()).matches()) {
                diagnostics.error(repo.position(), repo.path(), "'" + repo.value() + "' is not a git URL nodes can fetch",
                        "write https://host/path.git, ssh://git@host/path.git, git@host:path.git or file:///srv/fleet.git");
                repo = null;
            }
        }
        Located<String> branch = optionalString(map, "branch", "fleet");
        if (branch != null && (!BRANCH.matcher(branch.value()).matches() || branch.value().contains("..")
                || branch.value().endsWith("/") || branch.value().endsWith(".lock"))) {
            diagnostics.error(branch.position(), branch.path(), "'" + branch.value() + "' is not a valid branch name",
                    "use a plain branch name such as 'main' or 'stage/live'");
            branch = null;
        }
        Located<java.time.Duration> interval = optionalDuration(map, "interval", "fleet");
        if (interval != null && interval.value().compareTo(MIN_INTERVAL) < 0) {
            diagnostics.error(interval.position(), interval.path(), "interval " + Durations.format(interval.value())
                    + " is shorter than a minute", "pull every 1m or more; 15m is the default");
            interval = null;
        }
        List<Located<String>> knownHosts = stringList(map, "known_hosts", "fleet", false);
        if (knownHosts != null) {
            for (Located<String> line : knownHosts) {
                if (line.value().strip().split("\\s+").length < 3) {
                    diagnostics.error(line.position(), line.path(), "not a known_hosts line: '" + line.value() + "'",
                            "write 'HOST KEYTYPE KEY', as 'ssh-keyscan HOST' prints it");
                }
            }
        }
        Located<Boolean> holdWhilePlaying = optionalBool(map, "hold_while_playing", "fleet");
        return new FleetSettings(repo, branch, interval, knownHosts == null ? List.of() : knownHosts, holdWhilePlaying,
                map.position());
    }

    /** A health list: each item a command string (split on spaces), a list of arguments, or {command, timeout}. */
    private List<HealthCheck> health(YNode node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (!(node instanceof YSeq seq)) {
            expected(node, path, "a list of commands, for example [systemctl is-active pipewire]");
            return null;
        }
        List<HealthCheck> checks = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            String itemPath = path + "[" + i + "]";
            YNode command = item;
            java.time.Duration timeout = HealthCheck.DEFAULT_TIMEOUT;
            if (item instanceof YMap map) {
                checkKeys(map, itemPath, HEALTH_KEYS, "health keys");
                command = map.get("command");
                if (command == null || isNull(command)) {
                    diagnostics.error(map.position(), itemPath, "a health check needs a 'command'",
                            "write it as {command: systemctl is-active pipewire, timeout: 30s}");
                    continue;
                }
                Located<java.time.Duration> written = optionalDuration(map, "timeout", itemPath);
                if (written != null && written.value().compareTo(MAX_TIMEOUT) > 0) {
                    diagnostics.error(written.position(), written.path(), "timeout " + Durations.format(written.value())
                            + " is longer than an hour", "a health check should answer in seconds; use 30s to 10m");
                } else if (written != null) {
                    timeout = written.value();
                }
                itemPath = itemPath + ".command";
            }
            List<String> argv = argv(command, itemPath);
            if (argv != null) {
                checks.add(new HealthCheck(argv, timeout, command.position(), itemPath));
            }
        }
        return checks;
    }

    private List<String> argv(YNode command, String path) {
        if (command instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
            List<String> words = List.of(s.text().strip().split("\\s+"));
            if (s.text().isBlank()) {
                diagnostics.error(s.position(), path, "the health command is empty", "name a program, for example 'systemctl is-active pipewire'");
                return null;
            }
            return words;
        }
        if (command instanceof YSeq seq && !seq.items().isEmpty()) {
            List<String> argv = new ArrayList<>();
            for (YNode arg : seq.items()) {
                if (arg instanceof YScalar s && !s.isNull() && s.kind() != YScalar.Kind.BOOL) {
                    argv.add(s.text());
                } else {
                    expected(arg, path, "a list of arguments, for example [test, -f, /etc/pipewire/pipewire.conf.d/x.conf]");
                    return null;
                }
            }
            return argv;
        }
        expected(command, path, "a command: a string split on spaces, or a list of arguments");
        return null;
    }

    private Located<java.time.Duration> optionalDuration(YMap map, String key, String path) {
        YNode node = map.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String at = join(path, key);
        if (node instanceof YScalar s && (s.kind() == YScalar.Kind.STRING || s.kind() == YScalar.Kind.INT)) {
            var parsed = Durations.parse(s.text());
            if (parsed.isPresent()) {
                return new Located<>(parsed.get(), s.position(), at);
            }
        }
        diagnostics.error(node.position(), at, "'" + (node instanceof YScalar s ? s.text() : node.kindName())
                + "' is not a duration", "write it like " + Durations.EXAMPLES);
        return null;
    }

    private Map<String, GroupSpec> groups(YNode node) {
        Map<String, GroupSpec> groups = new LinkedHashMap<>();
        YMap map = mapping(node, "groups", "a mapping of group names, for example 'groups: {recording: {roles: …}}'");
        if (map == null) {
            return groups;
        }
        for (YMap.Entry entry : map.entries().values()) {
            String path = "groups." + entry.key();
            if (!GROUP_NAME.matcher(entry.key()).matches()) {
                diagnostics.error(entry.keyPosition(), path, "group name '" + entry.key() + "' is not a valid name",
                        "use letters, digits and underscores, starting with a letter, for example '"
                                + entry.key().replaceAll("[^A-Za-z0-9_]", "_") + "'");
            }
            GroupSpec group = GroupSpec.empty(entry.key(), entry.keyPosition());
            if (entry.value() instanceof YMap body) {
                checkKeys(body, path, GROUP_KEYS, "group keys");
                group = new GroupSpec(entry.key(), entry.keyPosition(), roles(body.get("roles"), path + ".roles"),
                        health(body.get("health"), path + ".health"));
            } else if (!isNull(entry.value())) {
                expected(entry.value(), path, "a mapping with 'roles:'");
            }
            groups.put(entry.key(), group);
        }
        return groups;
    }

    private Map<String, HostSpec> hosts(YNode node) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        if (node instanceof YSeq seq) {
            diagnostics.error(seq.position(), "hosts", "'hosts' is written as a list, but it must be a mapping",
                    "write each host as a key: 'hosts:' then '  tracker:' with its settings indented below");
            return hosts;
        }
        YMap map = mapping(node, "hosts", "a mapping of host names");
        if (map == null) {
            return hosts;
        }
        for (YMap.Entry entry : map.entries().values()) {
            String path = "hosts." + entry.key();
            if (!HOST_NAME.matcher(entry.key()).matches()) {
                diagnostics.error(entry.keyPosition(), path, "host name '" + entry.key() + "' is not a valid name",
                        "use letters, digits, dots, dashes and underscores, such as 'tracker' or 'stage-1.lan'");
            }
            YMap body = null;
            if (entry.value() instanceof YMap m) {
                body = m;
                checkKeys(body, path, HOST_KEYS, "host keys");
            } else if (!isNull(entry.value())) {
                expected(entry.value(), path, "a mapping of host settings, or nothing");
            }
            hosts.put(entry.key(), host(entry, body, path));
        }
        return hosts;
    }

    private HostSpec host(YMap.Entry entry, YMap body, String path) {
        if (body == null) {
            return new HostSpec(entry.key(), entry.keyPosition(), null, null, null, null, null, null, null, null,
                    new LinkedHashMap<>(), null);
        }
        Located<Connection> connection = null;
        Located<String> connectionText = optionalString(body, "connection", path);
        if (connectionText != null) {
            Optional<Connection> parsed = Connection.parse(connectionText.value());
            if (parsed.isEmpty()) {
                diagnostics.error(connectionText.position(), connectionText.path(),
                        "unknown connection '" + connectionText.value() + "'",
                        Suggestions.hint(connectionText.value(), Connection.NAMES, "connections"));
            } else {
                connection = new Located<>(parsed.get(), connectionText.position(), connectionText.path());
            }
        }
        return new HostSpec(entry.key(), entry.keyPosition(),
                optionalString(body, "address", path),
                optionalString(body, "user", path),
                optionalPort(body, path),
                connection,
                optionalBool(body, "become", path),
                optionalString(body, "python", path),
                optionalBool(body, "offline", path),
                stringList(body, "groups", path, false),
                roles(body.get("roles"), path + ".roles"),
                health(body.get("health"), path + ".health"));
    }

    private Map<String, RoleEntry> roles(YNode node, String path) {
        Map<String, RoleEntry> roles = new LinkedHashMap<>();
        YMap map = mapping(node, path, "a mapping of role names to a state or options, for example 'pipewire: present'");
        if (map == null) {
            return roles;
        }
        for (YMap.Entry entry : map.entries().values()) {
            String rolePath = path + "." + entry.key();
            RoleEntry role = roleEntry(entry, rolePath);
            if (role != null) {
                roles.put(entry.key(), role);
            }
        }
        return roles;
    }

    private RoleEntry roleEntry(YMap.Entry entry, String path) {
        YNode value = entry.value();
        if (value instanceof YScalar scalar && !scalar.isNull()) {
            Located<State> state = state(scalar, path);
            return new RoleEntry(entry.key(), entry.keyPosition(), path, state, Map.of());
        }
        if (isNull(value)) {
            return new RoleEntry(entry.key(), entry.keyPosition(), path, null, Map.of());
        }
        if (!(value instanceof YMap body)) {
            expected(value, path, "a state (present, absent or info) or a mapping of options");
            return null;
        }
        Located<State> state = null;
        Map<String, Located<YNode>> options = new LinkedHashMap<>();
        for (YMap.Entry option : body.entries().values()) {
            String optionPath = path + "." + option.key();
            if (option.key().equals("state")) {
                if (option.value() instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
                    state = state(s, optionPath);
                } else {
                    expected(option.value(), optionPath, "present, absent or info");
                }
            } else {
                options.put(option.key(), new Located<>(option.value(), option.keyPosition(), optionPath));
            }
        }
        return new RoleEntry(entry.key(), entry.keyPosition(), path, state, options);
    }

    private Located<State> state(YScalar scalar, String path) {
        Optional<State> state = scalar.kind() == YScalar.Kind.STRING ? State.parse(scalar.text()) : Optional.empty();
        if (state.isEmpty()) {
            diagnostics.error(scalar.position(), path, "unknown state '" + scalar.text() + "'",
                    Suggestions.hint(scalar.text(), State.NAMES, "states"));
            return null;
        }
        return new Located<>(state.get(), scalar.position(), path);
    }

    private void checkKeys(YMap map, String path, List<String> known, String what) {
        for (YMap.Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                diagnostics.error(entry.keyPosition(), join(path, entry.key()), "unknown key '" + entry.key() + "'",
                        Suggestions.hint(entry.key(), known, what));
            }
        }
    }

    private YMap mapping(YNode node, String path, String expectation) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof YMap map) {
            return map;
        }
        expected(node, path, expectation);
        return null;
    }

    private Located<String> optionalString(YMap map, String key, String path) {
        YNode node = map.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String at = join(path, key);
        if (node instanceof YScalar s && (s.kind() == YScalar.Kind.STRING || s.kind() == YScalar.Kind.INT)) {
            if (s.text().isBlank()) {
                diagnostics.error(s.position(), at, "'" + key + "' is empty", "give it a value or remove the key");
                return null;
            }
            return new Located<>(s.text(), s.position(), at);
        }
        expected(node, at, "a string");
        return null;
    }

    private Located<Boolean> optionalBool(YMap map, String key, String path) {
        YNode node = map.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String at = join(path, key);
        if (node instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
            return new Located<>(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)), s.position(), at);
        }
        expected(node, at, "true or false");
        return null;
    }

    private Located<Long> optionalPort(YMap map, String path) {
        YNode node = map.get("port");
        if (node == null || isNull(node)) {
            return null;
        }
        String at = join(path, "port");
        if (node instanceof YScalar s && s.kind() == YScalar.Kind.INT) {
            Long port = Values.parseLong(s.text());
            if (port == null || port < 1 || port > 65535) {
                diagnostics.error(s.position(), at, "port " + s.text() + " is out of range", "use a TCP port from 1 to 65535");
                return null;
            }
            return new Located<>(port, s.position(), at);
        }
        expected(node, at, "a port number from 1 to 65535");
        return null;
    }

    /** A list of strings; where {@code scalarAllowed}, a single string stands for a list of one. */
    private List<Located<String>> stringList(YMap map, String key, String path, boolean scalarAllowed) {
        YNode node = map.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String at = join(path, key);
        List<YNode> items;
        if (node instanceof YSeq seq) {
            items = seq.items();
        } else if (scalarAllowed && node instanceof YScalar) {
            items = List.of(node);
        } else {
            expected(node, at, "a list of names, for example [" + key + "1, " + key + "2]");
            return null;
        }
        List<Located<String>> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YNode item = items.get(i);
            String itemPath = at + "[" + i + "]";
            if (item instanceof YScalar s && s.kind() == YScalar.Kind.STRING && !s.text().isBlank()) {
                values.add(new Located<>(s.text(), s.position(), itemPath));
            } else {
                expected(item, itemPath, "a name");
            }
        }
        return values;
    }

    private void expected(YNode node, String path, String expectation) {
        diagnostics.error(node.position(), path, "expected " + expectation + ", got " + node.kindName(),
                "write '" + lastSegment(path) + "' as " + expectation);
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static boolean isNull(YNode node) {
        return node instanceof YScalar s && s.isNull();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
