package dev.syncopated.cli;

import dev.syncopated.ansible.RunStatus;
import dev.syncopated.run.Runs;
import dev.syncopated.run.UserError;

/** The documented exit codes (DESIGN §4), shown in --help and the README, and the one mapping to them. */
public final class ExitCode {
    public static final int OK = 0;
    /** The work found problems: an invalid spec, a failed host, a threshold exceeded. */
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    /** A required tool is missing, or something is not permitted. */
    public static final int ENVIRONMENT = 3;
    public static final int UNREACHABLE = 4;
    /** pull: the new commit failed to apply or failed its health check; the node is back on its golden commit. */
    public static final int ROLLED_BACK = 5;
    /** pull: a show hold, or audio playing on the node, kept it from applying anything; the next pull tries again. */
    public static final int HELD = 6;
    /** pull: another pull holds the node's lock; try again later (EX_TEMPFAIL). */
    public static final int BUSY = 75;
    /** A bug in syncopated: run again with --verbose and report the trace. */
    public static final int INTERNAL = 70;
    /** Ctrl-C, SIGTERM or --timeout stopped the run (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}

    public static int of(UserError.Kind kind) {
        return switch (kind) {
            case PROBLEMS -> PROBLEMS;
            case USAGE -> USAGE;
            case ENVIRONMENT -> ENVIRONMENT;
        };
    }

    /** How a run ended; a run that only the preflight stopped is an environment problem. */
    public static int of(Runs.Finished run) {
        return run.stoppedByPreflight() ? ENVIRONMENT : of(run.status());
    }

    /** How a run of Ansible ended, as an exit code: a change is a success. */
    public static int of(RunStatus status) {
        return switch (status) {
            case OK, CHANGED -> OK;
            case FAILED -> PROBLEMS;
            case UNREACHABLE -> UNREACHABLE;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
