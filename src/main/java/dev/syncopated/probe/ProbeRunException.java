package dev.syncopated.probe;

/**
 * A measurement that could not be made. {@code environment} is true when the machine is the cause
 * (a tool missing, no permission, no JACK server) rather than what was measured (no loop signal).
 */
public final class ProbeRunException extends Exception {
    private final boolean environment;
    private final String hint;

    public ProbeRunException(boolean environment, String message, String hint) {
        super(message);
        this.environment = environment;
        this.hint = hint;
    }

    public boolean environment() {
        return environment;
    }

    public String hint() {
        return hint;
    }
}
