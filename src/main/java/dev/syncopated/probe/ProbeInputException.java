package dev.syncopated.probe;

/** A probe output file that cannot be read: unknown format, truncated, malformed or empty. */
public final class ProbeInputException extends RuntimeException {
    public ProbeInputException(String message) {
        super(message);
    }
}
