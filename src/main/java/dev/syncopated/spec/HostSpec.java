package dev.syncopated.spec;

import java.util.List;
import java.util.Map;

/** A host as written; unset keys are null and take their defaults in the plan. */
public record HostSpec(String name, Position position,
                       Located<String> address, Located<String> user, Located<Long> port,
                       Located<Connection> connection, Located<Boolean> become, Located<String> python,
                       Located<Boolean> offline, List<Located<String>> groups, Map<String, RoleEntry> roles,
                       List<HealthCheck> health) {

    /** Keys set in {@code later} replace these; roles merge key by key. */
    public HostSpec overriddenBy(HostSpec later) {
        return new HostSpec(name, position,
                later.address != null ? later.address : address,
                later.user != null ? later.user : user,
                later.port != null ? later.port : port,
                later.connection != null ? later.connection : connection,
                later.become != null ? later.become : become,
                later.python != null ? later.python : python,
                later.offline != null ? later.offline : offline,
                later.groups != null ? later.groups : groups,
                Specs.mergeRoles(roles, later.roles),
                later.health != null ? later.health : health);
    }
}
