package dev.syncopated.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** Human documentation of roles, from the catalog: the terminal view of "roles show" and docs/roles.md. */
public final class RoleDocs {
    private RoleDocs() {}

    public static String text(RoleDef role, Catalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append(role.name()).append(": ").append(role.description()).append('\n');
        out.append("apply order: ").append(catalog.rank(role.name()) + 1).append(" of ").append(catalog.names().size()).append('\n');
        if (role.options().isEmpty()) {
            out.append("\nno options: write '").append(role.name()).append(": present'\n");
            return out.toString();
        }
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"OPTION", "TYPE", "DEFAULT", "DESCRIPTION"});
        for (OptionDef option : role.options().values()) {
            rows.add(new String[] {option.name(), typeText(option), defaultText(option), option.description()});
        }
        out.append('\n').append(table(rows));
        if (!role.constraints().isEmpty()) {
            out.append("\nrules: ").append(role.constraints().stream().map(RoleDocs::constraintText)
                    .collect(Collectors.joining("; "))).append('\n');
        }
        out.append("\nvariables: ").append(role.name()).append("_state, ")
                .append(role.options().keySet().stream().map(o -> role.name() + "_" + o).collect(Collectors.joining(", ")))
                .append('\n');
        return out.toString();
    }

    public static String list(Catalog catalog) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"ROLE", "DESCRIPTION"});
        for (RoleDef role : catalog.roles()) {
            rows.add(new String[] {role.name(), role.description()});
        }
        return table(rows);
    }

    /** docs/roles.md: generated, and a test keeps it current. */
    public static String markdown(Catalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append("# Roles\n\n")
                .append("<!-- Generated from roles/*/catalog.yml by RoleDocs; a test fails when this file is stale.\n")
                .append("     Regenerate: mvn -q test -Dtest=GeneratedFilesTest -Dsyncopated.regenerate=true -->\n\n")
                .append("Roles run in this order on every host. Roles in state `absent` are removed first, in reverse order.\n")
                .append("Every role takes `state: present | absent | info` (default `present`). Option `x` of role `r`\n")
                .append("is the Ansible variable `r_x`.\n\n");
        out.append("| # | role | what it manages |\n|---|---|---|\n");
        int index = 1;
        for (RoleDef role : catalog.roles()) {
            out.append("| ").append(index++).append(" | [`").append(role.name()).append("`](#").append(role.name())
                    .append(") | ").append(escape(role.description())).append(" |\n");
        }
        for (RoleDef role : catalog.roles()) {
            out.append("\n## ").append(role.name()).append("\n\n").append(role.description()).append("\n\n");
            if (role.options().isEmpty()) {
                out.append("No options: `").append(role.name()).append(": present`.\n");
                continue;
            }
            out.append("| option | type | default | description |\n|---|---|---|---|\n");
            for (OptionDef option : role.options().values()) {
                out.append("| `").append(option.name()).append("` | ").append(escape(typeText(option))).append(" | ")
                        .append(option.defaultValue() == null ? (option.required() ? "required" : "unset")
                                : "`" + defaultText(option) + "`")
                        .append(" | ").append(escape(option.description())).append(" |\n");
            }
            if (!role.constraints().isEmpty()) {
                out.append("\nRules: ").append(role.constraints().stream().map(RoleDocs::constraintText)
                        .collect(Collectors.joining("; "))).append(".\n");
            }
        }
        return out.toString();
    }

    static String typeText(OptionDef option) {
        StringBuilder type = new StringBuilder(option.typeLabel());
        if (!option.choices().isEmpty()) {
            type.append(": ").append(String.join(" | ", option.choices()));
        }
        if (option.min() != null || option.max() != null) {
            type.append(", ").append(option.min() == null ? "" : option.min()).append("..")
                    .append(option.max() == null ? "" : option.max());
        }
        return type.toString();
    }

    static String defaultText(OptionDef option) {
        Object value = option.defaultValue();
        if (value == null) {
            return option.required() ? "(required)" : "(unset)";
        }
        if (value instanceof List<?> list) {
            return "[" + list.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
        }
        return String.valueOf(value);
    }

    static String constraintText(Constraint constraint) {
        if (constraint instanceof Constraint.Ordered ordered) {
            return String.join(" ≤ ", ordered.options());
        }
        Constraint.Member member = (Constraint.Member) constraint;
        return member.option() + " is one of " + member.list();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    private static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                out.append(c == columns - 1 ? row[c] : row[c] + " ".repeat(widths[c] - row[c].length() + 2));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
