package dev.syncopated.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The YAML type an option takes. {@code SCALAR} takes a string or an integer (memlock: 4096 or unlimited). */
public enum OptionType {
    INT("an integer", "integers", "int"),
    STR("a string", "strings", "str"),
    BOOL("true or false", "booleans", "bool"),
    LIST("a list", "lists", "list"),
    SCALAR("a string or an integer", "strings or integers", "raw");

    private final String described;
    private final String plural;
    private final String ansibleType;

    OptionType(String described, String plural, String ansibleType) {
        this.described = described;
        this.plural = plural;
        this.ansibleType = ansibleType;
    }

    /** "a list of integers". */
    public String plural() {
        return plural;
    }

    public String described() {
        return described;
    }

    /** The type name in meta/argument_specs.yml. */
    public String ansibleType() {
        return ansibleType;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OptionType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.label().equals(text)).findFirst();
    }
}
