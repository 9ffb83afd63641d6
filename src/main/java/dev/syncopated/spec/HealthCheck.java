package dev.syncopated.spec;

import java.time.Duration;
import java.util.List;

/**
 * One command of a host's health check, run on the node after a pull: it passes when it exits 0
 * within its timeout. The command is an argument array (a string in the spec is split on spaces),
 * never a shell line.
 */
public record HealthCheck(List<String> argv, Duration timeout, Position position, String path) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public HealthCheck {
        argv = List.copyOf(argv);
    }

    /** The command as people read it. */
    public String display() {
        return String.join(" ", argv);
    }
}
