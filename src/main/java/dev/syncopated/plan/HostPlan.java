package dev.syncopated.plan;

import dev.syncopated.spec.Connection;
import java.util.List;

/**
 * What syncopated will do on one host, with its connection settings resolved. {@code user},
 * {@code port} and {@code python} are null when the spec leaves them to Ansible.
 */
public record HostPlan(String name, String address, Connection connection, String user, Long port,
                       boolean become, String python, List<String> groups, List<RoleStep> roles) {}
