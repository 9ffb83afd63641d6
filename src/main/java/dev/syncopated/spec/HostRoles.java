package dev.syncopated.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** The precedence of DESIGN §2: top-level roles, then each group in the order the host lists it, then the host. */
public final class HostRoles {
    private HostRoles() {}

    /** The role entries that apply to {@code host}, merged; unknown groups are skipped (the checker reports them). */
    public static Map<String, RoleEntry> of(Spec spec, HostSpec host) {
        Map<String, RoleEntry> merged = new LinkedHashMap<>(spec.roles());
        if (host.groups() != null) {
            for (Located<String> groupName : host.groups()) {
                GroupSpec group = spec.groups().get(groupName.value());
                if (group != null) {
                    merged = Specs.mergeRoles(merged, group.roles());
                }
            }
        }
        return Specs.mergeRoles(merged, host.roles());
    }
}
