package dev.syncopated.ansible;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Ansible out of the audio's way ({@code apply --background}), as a fleet node's pull unit runs it: the
 * lowest CPU priority (nice 19), the idle I/O class, batch scheduling, and only the given CPUs. The
 * programs exec one another in place, so Ansible keeps the process id syncopated started and every
 * process it starts inherits all four.
 */
public final class LowPriority {
    /** The programs the launcher runs, for the check that they are installed. */
    public static final List<String> TOOLS = List.of("nice", "ionice", "chrt", "taskset");

    private LowPriority() {}

    /** The launcher for a command: it then runs only on {@code cpus} (any CPU when empty). */
    public static List<String> launcher(Set<Integer> cpus) {
        List<String> argv = new ArrayList<>(List.of("nice", "-n", "19", "ionice", "-c", "3", "chrt", "--batch", "0"));
        if (!cpus.isEmpty()) {
            argv.addAll(List.of("taskset", "--cpu-list",
                    new TreeSet<>(cpus).stream().map(String::valueOf).collect(Collectors.joining(","))));
        }
        return argv;
    }
}
