package dev.syncopated.spec;

import java.util.List;
import java.util.Map;

/** What one spec file says, before its includes are merged under it. */
record SpecPart(Located<String> name, List<Located<String>> includes, Map<String, RoleEntry> roles,
                Map<String, GroupSpec> groups, Map<String, HostSpec> hosts, FleetSettings fleet) {

    SpecPart overriddenBy(SpecPart later) {
        return new SpecPart(later.name != null ? later.name : name, List.of(),
                Specs.mergeRoles(roles, later.roles),
                Specs.mergeBy(groups, later.groups, GroupSpec::overriddenBy),
                Specs.mergeBy(hosts, later.hosts, HostSpec::overriddenBy),
                fleet == null ? later.fleet : later.fleet == null ? fleet : fleet.overriddenBy(later.fleet));
    }

    static SpecPart empty() {
        return new SpecPart(null, List.of(), Map.of(), Map.of(), Map.of(), null);
    }
}
