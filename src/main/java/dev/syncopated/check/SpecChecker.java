package dev.syncopated.check;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.Constraint;
import dev.syncopated.catalog.Format;
import dev.syncopated.catalog.OptionDef;
import dev.syncopated.catalog.OptionValues;
import dev.syncopated.catalog.RoleDef;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.Diagnostics;
import dev.syncopated.spec.HostRoles;
import dev.syncopated.spec.HostSpec;
import dev.syncopated.spec.Located;
import dev.syncopated.spec.Position;
import dev.syncopated.spec.RoleEntry;
import dev.syncopated.spec.Spec;
import dev.syncopated.spec.State;
import dev.syncopated.spec.Suggestions;
import dev.syncopated.spec.yaml.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules that need the catalog or the whole spec: role names, option names and values, group
 * references, unique host addresses, and each role's constraints on the merged options of every host.
 */
public final class SpecChecker {
    private final Catalog catalog;
    private final Diagnostics diagnostics;
    /** A merged-options problem found on many hosts is reported once, naming the hosts. */
    private final Map<MergedProblem, List<String>> mergedProblems = new LinkedHashMap<>();

    private record MergedProblem(Position position, String path, String message, String hint) {}

    private SpecChecker(Catalog catalog, Diagnostics diagnostics) {
        this.catalog = catalog;
        this.diagnostics = diagnostics;
    }

    public static void check(Spec spec, Catalog catalog, Diagnostics diagnostics) {
        new SpecChecker(catalog, diagnostics).check(spec);
    }

    private void check(Spec spec) {
        // Without hosts nothing would happen; unless an earlier error (a misspelt 'hosts', say) explains why.
        if (spec.hosts().isEmpty() && !diagnostics.hasErrors()) {
            diagnostics.error(Position.ofFile(spec.files().get(spec.files().size() - 1)), "hosts",
                    "the spec has no hosts", "add a 'hosts:' mapping with at least one host");
        }
        checkRoles(spec.roles());
        spec.groups().values().forEach(group -> checkRoles(group.roles()));
        Map<String, HostSpec> byIdentity = new HashMap<>();
        for (HostSpec host : spec.hosts().values()) {
            checkRoles(host.roles());
            checkGroups(spec, host);
            checkUser(host);
            checkOffline(host);
            checkUniqueAddress(host, byIdentity);
            checkMerged(spec, host);
        }
        mergedProblems.forEach((problem, hosts) -> diagnostics.error(problem.position(), problem.path(),
                problem.message() + " " + onHosts(hosts), problem.hint()));
        checkFleet(spec);
    }

    /** A fleet section, once includes are merged, must say where nodes pull from. */
    private void checkFleet(Spec spec) {
        if (spec.fleet() != null && spec.fleet().repo() == null && !diagnostics.hasErrorAt("fleet.repo")) {
            diagnostics.error(spec.fleet().position(), "fleet", "the fleet section names no repository",
                    "add 'repo:', the git URL the nodes pull from, for example repo: https://git.example.org/stage.git");
        }
    }

    private void checkRoles(Map<String, RoleEntry> roles) {
        for (RoleEntry entry : roles.values()) {
            Optional<RoleDef> role = catalog.role(entry.role());
            if (role.isEmpty()) {
                diagnostics.error(entry.position(), entry.path(), "unknown role '" + entry.role() + "'",
                        Suggestions.hint(entry.role(), catalog.names(), "roles"));
                continue;
            }
            for (Map.Entry<String, Located<YNode>> option : entry.options().entrySet()) {
                Optional<OptionDef> def = role.get().option(option.getKey());
                if (def.isEmpty()) {
                    List<String> known = new ArrayList<>(role.get().options().keySet());
                    known.add("state");
                    diagnostics.error(option.getValue().position(), option.getValue().path(),
                            "unknown option '" + option.getKey() + "' of role " + entry.role(),
                            Suggestions.hint(option.getKey(), known, "options of " + entry.role()));
                } else {
                    OptionValues.convert(def.get(), option.getValue(), diagnostics);
                }
            }
        }
    }

    private void checkGroups(Spec spec, HostSpec host) {
        if (host.groups() == null) {
            return;
        }
        for (Located<String> group : host.groups()) {
            if (!spec.groups().containsKey(group.value())) {
                List<String> known = new ArrayList<>(spec.groups().keySet());
                diagnostics.error(group.position(), group.path(), "unknown group '" + group.value() + "'",
                        known.isEmpty() ? "define it under 'groups:' at the top level"
                                : Suggestions.hint(group.value(), known, "groups") + "; or define it under 'groups:'");
            }
        }
    }

    /** A root filesystem or a container has no running system of its own to act on: it is always offline. */
    private void checkOffline(HostSpec host) {
        if (host.offline() != null && !host.offline().value() && host.connection() != null
                && (host.connection().value() == Connection.CHROOT || host.connection().value() == Connection.CONTAINER)) {
            diagnostics.error(host.offline().position(), host.offline().path(), "a " + host.connection().value().label()
                    + " target is always offline", "remove 'offline: false'; acting on its running system would change the machine running it");
        }
    }

    private void checkUser(HostSpec host) {
        if (host.user() != null) {
            Format.USER.check(host.user().value()).ifPresent(problem ->
                    diagnostics.error(host.user().position(), host.user().path(), problem.message(), problem.hint()));
        }
    }

    /** One identity per machine: two hosts that reach the same place would be configured twice. */
    private void checkUniqueAddress(HostSpec host, Map<String, HostSpec> byIdentity) {
        Connection connection = host.connection() == null ? Connection.SSH : host.connection().value();
        String address = host.address() == null ? host.name() : host.address().value();
        String identity = switch (connection) {
            case LOCAL -> "local";
            case SSH -> "ssh:" + address + ":" + (host.port() == null ? 22 : host.port().value());
            default -> connection.label() + ":" + address;
        };
        HostSpec first = byIdentity.putIfAbsent(identity, host);
        if (first != null) {
            Position at = host.address() != null ? host.address().position() : host.position();
            String same = connection == Connection.LOCAL ? "are both this machine (connection: local)"
                    : "have the same address '" + address + "'";
            diagnostics.error(at, "hosts." + host.name(), "hosts '" + first.name() + "' and '" + host.name() + "' " + same,
                    "give each machine one host entry; merge the two, or fix the address of one");
        }
    }

    /** Required options and cross-option constraints hold for what each host will really get. */
    private void checkMerged(Spec spec, HostSpec host) {
        for (RoleEntry entry : HostRoles.of(spec, host).values()) {
            Optional<RoleDef> role = catalog.role(entry.role());
            State state = entry.state() == null ? State.PRESENT : entry.state().value();
            if (role.isEmpty() || state != State.PRESENT) {
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            Map<String, Located<YNode>> origins = new HashMap<>();
            boolean typed = true;
            for (OptionDef option : role.get().options().values()) {
                Located<YNode> written = entry.options().get(option.name());
                if (written == null) {
                    values.put(option.name(), option.defaultValue());
                    continue;
                }
                Object value = OptionValues.convert(option, written, new Diagnostics());
                typed &= value != null;
                values.put(option.name(), value);
                origins.put(option.name(), written);
            }
            if (!typed) {
                continue; // the value's own error is already reported where it was written
            }
            for (OptionDef option : role.get().options().values()) {
                if (option.required() && values.get(option.name()) == null) {
                    merged(host, entry.position(), entry.path(), "role " + entry.role() + " needs option '"
                            + option.name() + "'", "add '" + option.name() + ":' (" + option.description() + ")");
                }
            }
            for (Constraint constraint : role.get().constraints()) {
                checkConstraint(host, entry, constraint, values, origins);
            }
        }
    }

    private void checkConstraint(HostSpec host, RoleEntry entry, Constraint constraint,
                                 Map<String, Object> values, Map<String, Located<YNode>> origins) {
        if (constraint instanceof Constraint.Ordered ordered) {
            List<String> names = ordered.options();
            for (int i = 0; i + 1 < names.size(); i++) {
                String low = names.get(i);
                String high = names.get(i + 1);
                if (values.get(low) instanceof Long a && values.get(high) instanceof Long b && a > b) {
                    // Point at whichever of the two the user wrote; prefer the later-listed one.
                    String blamed = origins.containsKey(high) ? high : origins.containsKey(low) ? low : high;
                    Located<YNode> at = origins.get(blamed);
                    merged(host, at == null ? entry.position() : at.position(), at == null ? entry.path() : at.path(),
                            entry.role() + " " + low + " " + a + describeOrigin(low, origins) + " is above "
                                    + high + " " + b + describeOrigin(high, origins),
                            blamed.equals(high) && origins.containsKey(high)
                                    ? "set " + high + " to at least " + a + ", or lower " + low
                                    : "set " + low + " to at most " + b + ", or raise " + high);
                }
            }
        } else if (constraint instanceof Constraint.Member member) {
            Object value = values.get(member.option());
            if (value != null && values.get(member.list()) instanceof List<?> list && !list.contains(value)) {
                Located<YNode> at = origins.getOrDefault(member.option(), origins.get(member.list()));
                merged(host, at == null ? entry.position() : at.position(), at == null ? entry.path() : at.path(),
                        entry.role() + " " + member.option() + " " + value + " is not in " + member.list() + " "
                                + list + describeOrigin(member.list(), origins),
                        "add " + value + " to " + member.list() + ", or choose one of " + list);
            }
        }
    }

    private static String describeOrigin(String option, Map<String, Located<YNode>> origins) {
        return origins.containsKey(option) ? "" : " (default)";
    }

    private void merged(HostSpec host, Position position, String path, String message, String hint) {
        mergedProblems.computeIfAbsent(new MergedProblem(position, path, message, hint), k -> new ArrayList<>())
                .add(host.name());
    }

    private static String onHosts(List<String> hosts) {
        if (hosts.size() == 1) {
            return "on host " + hosts.get(0);
        }
        int shown = Math.min(3, hosts.size());
        String names = String.join(", ", hosts.subList(0, shown));
        return "on hosts " + names + (hosts.size() > shown ? " and " + (hosts.size() - shown) + " more" : "");
    }
}
