package dev.syncopated.plan;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.OptionDef;
import dev.syncopated.catalog.OptionValues;
import dev.syncopated.catalog.RoleDef;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.Diagnostics;
import dev.syncopated.spec.HostRoles;
import dev.syncopated.spec.HostSpec;
import dev.syncopated.spec.Located;
import dev.syncopated.spec.RoleEntry;
import dev.syncopated.spec.Spec;
import dev.syncopated.spec.State;
import dev.syncopated.spec.yaml.YNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state router: for every host, the roles it gets in the catalog's apply order, with merged
 * options. Roles being removed come first, in reverse order, so everything a later role builds on
 * is torn down after it; then present and info roles in order. Pure: same spec, same plan.
 */
public final class Planner {
    private final Catalog catalog;
    /** Entries shared by many hosts (top-level and group roles) are converted once. */
    private final Map<Located<?>, Object> converted = new IdentityHashMap<>();

    private Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Plans a spec that passed validation. */
    public static Plan plan(Spec spec, Catalog catalog) {
        Planner planner = new Planner(catalog);
        List<HostPlan> hosts = new ArrayList<>(spec.hosts().size());
        for (HostSpec host : spec.hosts().values()) {
            hosts.add(planner.host(spec, host));
        }
        return new Plan(spec.name() == null ? null : spec.name().value(), hosts);
    }

    private HostPlan host(Spec spec, HostSpec host) {
        List<RoleStep> removing = new ArrayList<>();
        List<RoleStep> applying = new ArrayList<>();
        for (RoleEntry entry : HostRoles.of(spec, host).values()) {
            RoleDef role = catalog.role(entry.role()).orElseThrow(
                    () -> new IllegalArgumentException("plan of an unchecked spec: unknown role " + entry.role()));
            State state = entry.state() == null ? State.PRESENT : entry.state().value();
            RoleStep step = new RoleStep(role.name(), state, options(role, entry));
            (state == State.ABSENT ? removing : applying).add(step);
        }
        Comparator<RoleStep> byOrder = Comparator.comparingInt(step -> catalog.rank(step.role()));
        removing.sort(byOrder.reversed());
        applying.sort(byOrder);
        List<RoleStep> steps = new ArrayList<>(removing);
        steps.addAll(applying);
        Connection connection = host.connection() == null ? Connection.SSH : host.connection().value();
        return new HostPlan(host.name(),
                host.address() == null ? (connection == Connection.LOCAL ? "localhost" : host.name()) : host.address().value(),
                connection,
                host.user() == null ? null : host.user().value(),
                host.port() == null ? null : host.port().value(),
                host.become() == null || host.become().value(),
                host.python() == null ? null : host.python().value(),
                host.offline() != null ? host.offline().value() : connection == Connection.CHROOT || connection == Connection.CONTAINER,
                host.groups() == null ? List.of() : host.groups().stream().map(Located::value).toList(),
                List.copyOf(steps));
    }

    private Map<String, Object> options(RoleDef role, RoleEntry entry) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (OptionDef option : role.options().values()) {
            Located<YNode> written = entry.options().get(option.name());
            options.put(option.name(), written == null ? option.defaultValue() : value(option, written));
        }
        return java.util.Collections.unmodifiableMap(options);
    }

    private Object value(OptionDef option, Located<YNode> written) {
        return converted.computeIfAbsent(written, w -> {
            Diagnostics ignored = new Diagnostics();
            Object value = OptionValues.convert(option, written, ignored);
            if (ignored.hasErrors()) {
                throw new IllegalArgumentException("plan of an unchecked spec: " + written.path());
            }
            return value;
        });
    }
}
