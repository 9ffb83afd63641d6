package dev.syncopated.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An extra-vars file ({@code -e @FILE}) for the playbooks commands play: values taken from a spec are
 * tagged {@code !unsafe}, exactly as in a rendered inventory, so Ansible never evaluates them as templates.
 */
public final class VarsFile {
    private final Map<String, Object> vars = new LinkedHashMap<>();

    /** A value of syncopated's own (a path, a number, a flag): written as it is. */
    public VarsFile put(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    /** A string that came from a spec (or a user): data, never a template. */
    public VarsFile putUnsafe(String name, String value) {
        vars.put(name, new Unsafe(value));
        return this;
    }

    /** Strings that came from a spec. */
    public VarsFile putUnsafe(String name, List<String> values) {
        vars.put(name, values.stream().map(Unsafe::new).toList());
        return this;
    }

    public String yaml() {
        return AnsibleYaml.dump(vars);
    }
}
