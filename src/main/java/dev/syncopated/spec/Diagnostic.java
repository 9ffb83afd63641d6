package dev.syncopated.spec;

/**
 * One finding about a spec. {@code path} is the spec path of the value
 * (for example {@code hosts.tracker.roles.pipewire.quantum}), empty for whole-file problems;
 * {@code hint} says how to fix it and may be empty.
 */
public record Diagnostic(Severity severity, Position position, String path, String message, String hint) {

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
