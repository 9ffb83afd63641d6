package dev.syncopated.probe;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * One cyclictest measuring thread: its CPU, sample count and latencies in µs. The histogram is
 * optional (only with {@code -h}/{@code -H}); without it the percentiles and overflows are unknown.
 *
 * @param histogram counts per 1 µs bucket, index = µs; empty when cyclictest kept no histogram
 * @param overflows samples beyond the histogram's range, or -1 when there is no histogram
 */
public record ThreadLatency(int cpu, long samples, long min, double avg, long max, long[] histogram, long overflows) {

    public boolean hasHistogram() {
        return histogram.length > 0;
    }

    public OptionalLong p99() {
        return percentile(0.99);
    }

    public OptionalLong p999() {
        return percentile(0.999);
    }

    /**
     * The smallest bucket at or below which the fraction {@code q} of all samples lies. When that
     * rank falls among the overflows the exact value is unknown; the maximum is returned, an upper bound.
     */
    public OptionalLong percentile(double q) {
        if (!hasHistogram() || samples <= 0) {
            return OptionalLong.empty();
        }
        long rank = (long) Math.ceil(q * samples);
        long seen = 0;
        for (int us = 0; us < histogram.length; us++) {
            seen += histogram[us];
            if (seen >= rank) {
                return OptionalLong.of(us);
            }
        }
        return OptionalLong.of(max);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadLatency t && cpu == t.cpu && samples == t.samples && min == t.min
                && Double.compare(avg, t.avg) == 0 && max == t.max && overflows == t.overflows
                && Arrays.equals(histogram, t.histogram);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(samples) + Arrays.hashCode(histogram) + cpu;
    }

    @Override
    public String toString() {
        return "ThreadLatency[cpu=" + cpu + ", samples=" + samples + ", min=" + min + ", avg=" + avg
                + ", max=" + max + ", buckets=" + histogram.length + ", overflows=" + overflows + "]";
    }
}
