package dev.syncopated.catalog;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every user-facing role, in apply order (by {@code order}, then name). */
public final class Catalog {
    private final Map<String, RoleDef> roles;
    private final List<String> names;

    public Catalog(List<RoleDef> roleDefs) {
        Map<String, RoleDef> ordered = new LinkedHashMap<>();
        roleDefs.stream()
                .sorted(Comparator.comparingInt(RoleDef::order).thenComparing(RoleDef::name))
                .forEach(role -> ordered.put(role.name(), role));
        this.roles = Collections.unmodifiableMap(ordered);
        this.names = List.copyOf(ordered.keySet());
    }

    /** The catalog of the roles bundled with this build. */
    public static Catalog bundled() {
        return CatalogReader.read(RoleLibrary.bundled());
    }

    public List<RoleDef> roles() {
        return List.copyOf(roles.values());
    }

    public List<String> names() {
        return names;
    }

    public Optional<RoleDef> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /** Position in apply order, for sorting plans. */
    public int rank(String role) {
        return names.indexOf(role);
    }
}
