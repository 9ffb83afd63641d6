package dev.syncopated.cli;

/**
 * A problem the user can fix, reported as one line, {@code error: what; hint}, with its exit code.
 * Never printed with a stack trace unless --verbose asks for it.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;
    private final String hint;

    public UserError(int exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public UserError(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public int exitCode() {
        return exitCode;
    }

    public String hint() {
        return hint;
    }
}
