package dev.syncopated.run;

/**
 * A problem the user can fix, reported as one line, {@code error: what; hint}. Its {@link Kind} says
 * what sort of problem it is; the command line maps that to an exit code in one place, and another
 * front end (the HTTP service) to its own status. Never shown with a stack trace unless asked for.
 */
public class UserError extends RuntimeException {
    /** What sort of problem: each front end decides how to signal it. */
    public enum Kind {
        /** The work found problems: an invalid spec, output that cannot be read. */
        PROBLEMS,
        /** The request itself is wrong: a bad option value, a --limit that matches nothing. */
        USAGE,
        /** A required tool is missing, or something is not permitted. */
        ENVIRONMENT,
    }

    private final Kind kind;
    private final String hint;

    public UserError(Kind kind, String message, String hint) {
        super(message);
        this.kind = kind;
        this.hint = hint;
    }

    public UserError(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public static UserError usage(String message, String hint) {
        return new UserError(Kind.USAGE, message, hint);
    }

    public static UserError environment(String message, String hint) {
        return new UserError(Kind.ENVIRONMENT, message, hint);
    }

    public static UserError environment(String message, String hint, Throwable cause) {
        return new UserError(Kind.ENVIRONMENT, message, hint, cause);
    }

    public static UserError problems(String message, String hint) {
        return new UserError(Kind.PROBLEMS, message, hint);
    }

    public Kind kind() {
        return kind;
    }

    public String hint() {
        return hint;
    }
}
