package dev.syncopated.spec;

import java.util.List;
import java.util.Map;

/**
 * A whole spec, includes merged in. Every value keeps the position it was written at.
 * {@code files} lists every file that was read, the root last.
 */
public record Spec(Located<String> name, Map<String, RoleEntry> roles, Map<String, GroupSpec> groups,
                   Map<String, HostSpec> hosts, List<String> files) {}
