package dev.syncopated.spec;

import java.util.LinkedHashMap;
import java.util.Map;

public record GroupSpec(String name, Position position, Map<String, RoleEntry> roles) {

    public GroupSpec overriddenBy(GroupSpec later) {
        return new GroupSpec(name, position, Specs.mergeRoles(roles, later.roles));
    }

    public static GroupSpec empty(String name, Position position) {
        return new GroupSpec(name, position, new LinkedHashMap<>());
    }
}
