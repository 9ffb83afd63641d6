package dev.syncopated.catalog;

import java.util.List;

/**
 * One option of a role. {@code elements} is the element type of a list; {@code format}, {@code choices},
 * {@code min} and {@code max} constrain the value (or each element); {@code defaultValue} is null when
 * the option has no default. Values are Java forms of YAML: Long, String, Boolean, List.
 */
public record OptionDef(String name, OptionType type, OptionType elements, Format format, List<String> choices,
                        Long min, Long max, boolean required, Object defaultValue, String description) {

    /** The type each value is checked against: the element type for lists. */
    public OptionType valueType() {
        return type == OptionType.LIST ? elements : type;
    }

    /** A short human description of what the option takes, for "roles show" and hints. */
    public String typeLabel() {
        String base = type == OptionType.LIST ? "list of " + elements.label() : type.label();
        return format == null ? base : base + " (" + format.label() + ")";
    }
}
