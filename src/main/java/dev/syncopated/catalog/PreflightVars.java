package dev.syncopated.catalog;

import java.util.List;

/**
 * roles/preflight/vars/main.yml: which roles need systemd on the target when present, from their
 * catalogs, so the preflight knows it without a second list to keep in step.
 */
public final class PreflightVars {
    public static final String PATH = "roles/preflight/vars/main.yml";

    private PreflightVars() {}

    public static String yaml(Catalog catalog) {
        List<String> systemd = catalog.roles().stream().filter(r -> r.requires().contains(RoleDef.SYSTEMD))
                .map(RoleDef::name).toList();
        return "---\n# Generated from the role catalogs ('requires: [systemd]'); a test keeps it current.\n"
                + "__preflight_systemd_roles: [" + String.join(", ", systemd) + "]\n";
    }
}
