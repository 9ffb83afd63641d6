package dev.syncopated.plan;

import dev.syncopated.spec.Connection;
import java.util.List;

/**
 * What syncopated will do on one host, with its connection settings resolved. {@code user},
 * {@code port} and {@code python} are null when the spec leaves them to Ansible. An {@code offline}
 * host's running system is never acted on: roles skip sysctl --system, services, udev and modprobe.
 */
public record HostPlan(String name, String address, Connection connection, String user, Long port,
                       boolean become, String python, boolean offline, List<String> groups, List<RoleStep> roles) {

    public HostPlan withRoles(List<RoleStep> newRoles) {
        return new HostPlan(name, address, connection, user, port, become, python, offline, groups, newRoles);
    }
}
