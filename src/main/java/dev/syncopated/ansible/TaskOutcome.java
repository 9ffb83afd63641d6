package dev.syncopated.ansible;

import java.util.List;

/**
 * A task result worth reporting on its own: a failure, an unreachable host, or a change (for --diff
 * and --verify). {@code kind} is the event type: failed, unreachable or ok.
 */
public record TaskOutcome(String kind, String host, String role, String task, String path, String message,
                          List<String> diffs) {

    /** "roles/pipewire/tasks/present.yml:12", or the task name when Ansible gave no file. */
    public String where() {
        return path == null || path.isEmpty() ? "(no file)" : path;
    }
}
