package dev.syncopated.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads jack_iodelay's output line by line: usable on a saved log and on a running process. Every
 * ~0.25 s it prints either {@code Signal below threshold...} or a three-line reading.
 */
public final class IodelayLog {
    static final Pattern TOTAL = Pattern.compile("^\\s*([\\d.]+) frames\\s+([\\d.]+) ms total roundtrip latency$");
    static final Pattern EXTRA = Pattern.compile("^\textra loopback latency: (-?\\d+) frames$");
    static final Pattern USE = Pattern.compile("^\tuse (-?\\d+) for the backend arguments -I and -O( \\?\\?)?( Inv)?$");
    static final String BELOW = "Signal below threshold...";
    private static final Pattern PORT_LATENCY = Pattern.compile("^new (capture|playback) latency: \\[\\d+, \\d+\\]$");

    private final List<IodelayReading> readings = new ArrayList<>();
    private int belowThreshold;
    private int lines;
    private double pendingFrames = -1;
    private double pendingMs;
    private long pendingExtra = Long.MIN_VALUE;

    /** Reads a whole saved log. A reading cut off by the end of the log (the tool was killed) is dropped. */
    public static IodelayLog parse(String text) {
        IodelayLog log = new IodelayLog();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String clean = CyclictestParser.stripCr(line);
            if (!log.accept(clean)) {
                throw new ProbeInputException("jack_iodelay log line " + lineNo + " is malformed: '"
                        + CyclictestParser.abbreviate(clean) + "'");
            }
        }
        if (log.lines == 0) {
            throw new ProbeInputException("jack_iodelay log is empty");
        }
        return log;
    }

    /**
     * Takes the next line of output; false when it is not a line jack_iodelay prints (a running
     * process's caller may ignore those: the JACK library adds its own messages).
     */
    public synchronized boolean accept(String line) {
        if (line.isBlank()) {
            return true;
        }
        lines++;
        Matcher total = TOTAL.matcher(line);
        if (total.matches()) {
            pendingFrames = Double.parseDouble(total.group(1));
            pendingMs = Double.parseDouble(total.group(2));
            pendingExtra = Long.MIN_VALUE;
            return true;
        }
        Matcher extra = EXTRA.matcher(line);
        if (extra.matches()) {
            if (pendingFrames < 0) {
                return false;
            }
            pendingExtra = Long.parseLong(extra.group(1));
            return true;
        }
        Matcher use = USE.matcher(line);
        if (use.matches()) {
            if (pendingFrames < 0 || pendingExtra == Long.MIN_VALUE) {
                return false;
            }
            readings.add(new IodelayReading(pendingFrames, pendingMs, pendingExtra, Long.parseLong(use.group(1)),
                    use.group(2) != null, use.group(3) != null));
            pendingFrames = -1;
            pendingExtra = Long.MIN_VALUE;
            notifyAll();
            return true;
        }
        if (line.equals(BELOW)) {
            belowThreshold++;
            pendingFrames = -1;
            return true;
        }
        return PORT_LATENCY.matcher(line).matches();
    }

    public synchronized List<IodelayReading> readings() {
        return List.copyOf(readings);
    }

    public synchronized int belowThreshold() {
        return belowThreshold;
    }

    /** The latest reading that is not flagged unreliable; else the latest reading. */
    public synchronized Optional<IodelayReading> result() {
        for (int i = readings.size() - 1; i >= 0; i--) {
            if (!readings.get(i).unreliable()) {
                return Optional.of(readings.get(i));
            }
        }
        return readings.isEmpty() ? Optional.empty() : Optional.of(readings.get(readings.size() - 1));
    }

    /**
     * True when the last {@code count} readings are all reliable and agree within half a frame:
     * the loop is measured.
     */
    public synchronized boolean stable(int count) {
        if (readings.size() < count) {
            return false;
        }
        List<IodelayReading> tail = readings.subList(readings.size() - count, readings.size());
        double first = tail.get(0).frames();
        return tail.stream().allMatch(r -> !r.unreliable() && Math.abs(r.frames() - first) <= 0.5);
    }
}
