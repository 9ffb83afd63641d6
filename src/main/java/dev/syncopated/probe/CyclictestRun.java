package dev.syncopated.probe;

import java.util.List;

/**
 * What one cyclictest run measured, read from any of its output formats.
 *
 * @param format the format it was read from, as people name it (for messages)
 */
public record CyclictestRun(String format, List<ThreadLatency> threads) {
    public CyclictestRun {
        threads = List.copyOf(threads);
    }

    public long maxUs() {
        return threads.stream().mapToLong(ThreadLatency::max).max().orElse(0);
    }

    public long samples() {
        return threads.stream().mapToLong(ThreadLatency::samples).sum();
    }
}
