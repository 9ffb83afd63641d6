package dev.syncopated.probe;

/**
 * Limits a measurement must stay within.
 *
 * @param maxLatencyUs worst scheduling latency on any CPU, µs
 * @param maxP999Us 99.9th percentile on any CPU, µs; null: not checked
 * @param maxRoundtripMs jack_iodelay round trip, ms; null: not checked
 */
public record Thresholds(long maxLatencyUs, Long maxP999Us, Double maxRoundtripMs) {
    public static final long DEFAULT_MAX_LATENCY_US = 100;
}
