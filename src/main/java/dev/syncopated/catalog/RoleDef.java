package dev.syncopated.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user-facing role: its one-line description, its place in the apply order, its options and rules,
 * and what its present state needs on the target besides Python and a package manager
 * ({@link #SYSTEMD}: it enables units), which the preflight checks before any role runs.
 */
public record RoleDef(String name, String description, int order, Map<String, OptionDef> options,
                      List<Constraint> constraints, List<String> requires) {
    /** The one need a role can declare today. */
    public static final String SYSTEMD = "systemd";
    public static final List<String> NEEDS = List.of(SYSTEMD);

    public RoleDef {
        requires = List.copyOf(requires);
    }

    public Optional<OptionDef> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }
}
