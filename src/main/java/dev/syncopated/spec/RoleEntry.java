package dev.syncopated.spec;

import dev.syncopated.spec.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One role as written at one level of a spec (top level, a group or a host): an optional state and
 * option values still in YAML form, so the catalog can check their types where they were written.
 */
public record RoleEntry(String role, Position position, String path, Located<State> state,
                        Map<String, Located<YNode>> options) {

    public RoleEntry {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** {@code later} wins: its state if it names one, and its options key by key. */
    public RoleEntry overriddenBy(RoleEntry later) {
        Map<String, Located<YNode>> merged = new LinkedHashMap<>(options);
        merged.putAll(later.options);
        return new RoleEntry(role, later.position, later.path, later.state != null ? later.state : state, merged);
    }
}
