package dev.syncopated.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user-facing role: its one-line description, its place in the apply order, its options and rules. */
public record RoleDef(String name, String description, int order, Map<String, OptionDef> options,
                      List<Constraint> constraints) {

    public Optional<OptionDef> option(String optionName) {
        return Optional.ofNullable(options.get(optionName));
    }
}
