package dev.syncopated.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has done so far, folded from its events: counts per host and per role, the task each
 * host is on, failures, changes with their diffs, and the findings info roles publish. Pure: the
 * same events give the same state.
 */
public final class RunState {

    /** One host as the run sees it. */
    public static final class HostState {
        private final String name;
        private final Counts total = new Counts();
        private final Map<String, Counts> roles = new LinkedHashMap<>();
        private final Map<String, JsonNode> findings = new LinkedHashMap<>();
        private final Map<String, Boolean> rebootRequired = new LinkedHashMap<>();
        private Map<String, Integer> stats;
        private String role;
        private String task;

        HostState(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Counts total() {
            return total;
        }

        public Map<String, Counts> roles() {
            return roles;
        }

        public Map<String, JsonNode> findings() {
            return findings;
        }

        public Map<String, Boolean> rebootRequired() {
            return rebootRequired;
        }

        /** Ansible's own recap for the host (ok, changed, failed, unreachable, skipped, …), once the run ended. */
        public Map<String, Integer> stats() {
            return stats;
        }

        public String currentRole() {
            return role;
        }

        public String currentTask() {
            return task;
        }

        public boolean unreachable() {
            return total.unreachable > 0 || stats != null && stats.getOrDefault("unreachable", 0) > 0;
        }

        public boolean failed() {
            return total.failed > 0 || stats != null && stats.getOrDefault("failed", 0) > 0;
        }
    }

    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    private final List<TaskOutcome> failures = new ArrayList<>();
    private final List<TaskOutcome> changes = new ArrayList<>();
    private boolean statsSeen;
    private String play;

    public RunState(Plan plan) {
        for (HostPlan host : plan.hosts()) {
            HostState state = new HostState(host.name());
            host.roles().forEach(step -> state.roles.put(step.role(), new Counts()));
            hosts.put(host.name(), state);
        }
    }

    public void accept(AnsibleEvent event) {
        switch (event.type()) {
            case "play_start" -> play = event.json().path("play").asText();
            case "ok", "failed", "skipped", "unreachable" -> result(event);
            case "stats" -> stats(event.json().path("hosts"));
            default -> { }
        }
    }

    private void result(AnsibleEvent event) {
        HostState host = hosts.computeIfAbsent(event.host(), HostState::new);
        host.role = event.role();
        host.task = event.task();
        Counts role = event.role() == null ? null : host.roles.computeIfAbsent(event.role(), r -> new Counts());
        switch (event.type()) {
            case "ok" -> {
                count(host.total, role, c -> c.ok++);
                if (event.changed()) {
                    count(host.total, role, c -> c.changed++);
                    changes.add(outcome(event));
                }
                facts(host, event.facts());
            }
            case "failed" -> {
                if (event.ignored()) {
                    count(host.total, role, c -> c.ok++);
                } else {
                    count(host.total, role, c -> c.failed++);
                    failures.add(outcome(event));
                }
            }
            case "skipped" -> count(host.total, role, c -> c.skipped++);
            default -> {
                count(host.total, role, c -> c.unreachable++);
                failures.add(outcome(event));
            }
        }
    }

    private static void count(Counts total, Counts role, java.util.function.Consumer<Counts> bump) {
        bump.accept(total);
        if (role != null) {
            bump.accept(role);
        }
    }

    private static TaskOutcome outcome(AnsibleEvent event) {
        return new TaskOutcome(event.type(), event.host(), event.role(), event.task(), event.path(),
                event.message() == null ? "" : event.message(), event.diffs());
    }

    private static void facts(HostState host, JsonNode facts) {
        for (Iterator<Map.Entry<String, JsonNode>> it = facts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> fact = it.next();
            String key = fact.getKey();
            if (key.endsWith("_findings")) {
                host.findings.put(key.substring(0, key.length() - "_findings".length()), fact.getValue());
            } else if (key.endsWith("_reboot_required")) {
                host.rebootRequired.put(key.substring(0, key.length() - "_reboot_required".length()),
                        fact.getValue().asBoolean(false));
            }
        }
    }

    private void stats(JsonNode byHost) {
        statsSeen = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = byHost.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Map<String, Integer> counts = new LinkedHashMap<>();
            entry.getValue().fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asInt()));
            hosts.computeIfAbsent(entry.getKey(), HostState::new).stats = counts;
        }
    }

    public Map<String, HostState> hosts() {
        return hosts;
    }

    public List<TaskOutcome> failures() {
        return failures;
    }

    public List<TaskOutcome> changes() {
        return changes;
    }

    /** Whether Ansible reached its recap; without it the run ended early (a syntax error, a crash). */
    public boolean finished() {
        return statsSeen;
    }

    public String currentPlay() {
        return play;
    }

    public RunStatus status(boolean interrupted) {
        if (interrupted) {
            return RunStatus.INTERRUPTED;
        }
        if (hosts.values().stream().anyMatch(HostState::unreachable)) {
            return RunStatus.UNREACHABLE;
        }
        if (!statsSeen || hosts.values().stream().anyMatch(HostState::failed)) {
            return RunStatus.FAILED;
        }
        return changes.isEmpty() ? RunStatus.OK : RunStatus.CHANGED;
    }
}
