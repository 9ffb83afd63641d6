package dev.syncopated.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group as written; {@code health} is null when the group sets none. */
public record GroupSpec(String name, Position position, Map<String, RoleEntry> roles, List<HealthCheck> health) {

    public GroupSpec overriddenBy(GroupSpec later) {
        return new GroupSpec(name, position, Specs.mergeRoles(roles, later.roles), later.health != null ? later.health : health);
    }

    public static GroupSpec empty(String name, Position position) {
        return new GroupSpec(name, position, new LinkedHashMap<>(), null);
    }
}
