package dev.syncopated.run;

import dev.syncopated.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a front end asks a run to do, before anything is read.
 *
 * @param command the command's name, kept in the record ("apply", "fleet status")
 * @param argv    the request as the user gave it, kept in the record
 * @param spec    the spec file
 * @param limit   Ansible host patterns, or null for every host
 * @param timeout how long Ansible may run, or null for no limit
 * @param keep    how many run records to keep, this one included
 * @param adjust  what the command makes of the plan before it is rendered (info: every role in state info)
 * @param becomePassword whether the user will give the sudo password (-K), so sudo may ask for one
 */
public record RunRequest(String command, List<String> argv, Path spec, String limit, Duration timeout, int keep,
                         UnaryOperator<Plan> adjust, boolean becomePassword) {
    public static final int DEFAULT_KEEP = 20;

    public RunRequest {
        argv = List.copyOf(argv);
    }

    /** A request whose runs never get a sudo password. */
    public RunRequest(String command, List<String> argv, Path spec, String limit, Duration timeout, int keep,
                      UnaryOperator<Plan> adjust) {
        this(command, argv, spec, limit, timeout, keep, adjust, false);
    }

    /** The same request with another adjustment of the plan. */
    public RunRequest adjusting(UnaryOperator<Plan> other) {
        return new RunRequest(command, argv, spec, limit, timeout, keep, other, becomePassword);
    }

    /** The same request with another time limit. */
    public RunRequest withTimeout(Duration other) {
        return new RunRequest(command, argv, spec, limit, other, keep, adjust, becomePassword);
    }

    /** The same request, saying whether the user will give the sudo password. */
    public RunRequest withBecomePassword(boolean given) {
        return new RunRequest(command, argv, spec, limit, timeout, keep, adjust, given);
    }
}
