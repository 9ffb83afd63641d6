package dev.syncopated.spec;

import java.util.List;
import java.util.Map;

/**
 * A whole spec, includes merged in. Every value keeps the position it was written at.
 * {@code files} lists every file that was read, the root last.
 */
public record Spec(Located<String> name, Map<String, RoleEntry> roles, Map<String, GroupSpec> groups,
                   Map<String, HostSpec> hosts, List<String> files, FleetSettings fleet) {

    /**
     * The health check of {@code host}: the commands of each of its groups, in the order the host
     * lists them, then its own. Checks add up rather than replace each other, so a group can require
     * something of all its hosts.
     */
    public List<HealthCheck> health(HostSpec host) {
        List<HealthCheck> checks = new java.util.ArrayList<>();
        if (host.groups() != null) {
            for (Located<String> group : host.groups()) {
                GroupSpec spec = groups.get(group.value());
                if (spec != null && spec.health() != null) {
                    checks.addAll(spec.health());
                }
            }
        }
        if (host.health() != null) {
            checks.addAll(host.health());
        }
        return checks;
    }
}
