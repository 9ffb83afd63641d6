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

    private static final Object BUNDLED_LOCK = new Object();
    private static Catalog bundled;

    /**
     * The catalog of the roles bundled with this build, read once per process. A read that fails is
     * not kept: the next caller reads again and gets the error itself.
     */
    public static Catalog bundled() {
        // Holding the lock while reading lets a command wait for a read that Main started early.
        synchronized (BUNDLED_LOCK) {
            if (bundled == null) {
                bundled = CatalogReader.read(RoleLibrary.bundled());
            }
            return bundled;
        }
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
