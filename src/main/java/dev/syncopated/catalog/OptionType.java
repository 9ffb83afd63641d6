package dev.syncopated.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The YAML type an option takes. {@code SCALAR} takes a string or an integer (memlock: 4096 or unlimited). */
public enum OptionType {
    INT("an integer", "int"),
    STR("a string", "str"),
    BOOL("true or false", "bool"),
    LIST("a list", "list"),
    SCALAR("a string or an integer", "raw");

    private final String described;
    private final String ansibleType;

    OptionType(String described, String ansibleType) {
        this.described = described;
        this.ansibleType = ansibleType;
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
