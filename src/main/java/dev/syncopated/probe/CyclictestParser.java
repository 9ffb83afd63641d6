package dev.syncopated.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads cyclictest (rt-tests 2.x) output: the {@code --json} file, the {@code -h}/{@code -H} histogram
 * text, and the {@code T:} summary lines, also from a captured screen with redraws. Pure: text in, values out.
 *
 * <p>In the text formats a thread's number stands for its CPU, as it does with {@code -S} or {@code -a}.
 */
public final class CyclictestParser {
    /** The documented summary format: {@code T:%2d (%5d) P:%2d I:%ld C:%7lu Min:%7ld Act:%5ld Avg:%5ld Max:%8ld}. */
    static final Pattern T_LINE = Pattern.compile(
            "^T:\\s*(\\d+)\\s+\\(\\s*(\\d+)\\)\\s+P:\\s*(\\d+)\\s+I:(\\d+)\\s+C:\\s*(\\d+)\\s+Min:\\s*(\\d+)\\s+Act:\\s*(\\d+)\\s+Avg:\\s*(\\d+)\\s+Max:\\s*(\\d+)\\s*$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^(\\d+) (\\d+(?:\t\\d+)*)$");
    private static final Pattern HISTOGRAM_OPTION = Pattern.compile(
            "(?:^|\\s)(?:-[hH]\\s*=?\\s*|--histogram[= ]|--histofall[= ])(\\d+)(?=\\s|$)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CyclictestParser() {}

    // ---------------------------------------------------------------- --json

    public static CyclictestRun parseJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProbeInputException("cyclictest --json output is not valid JSON (truncated?): "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) {
            throw new ProbeInputException("cyclictest --json output must be a JSON object");
        }
        JsonNode threads = root.get("thread");
        if (threads == null || !threads.isObject() || threads.isEmpty()) {
            throw new ProbeInputException("cyclictest --json output has no \"thread\" entries"
                    + (root.has("num_threads") ? "" : " (is this a cyclictest --json file?)"));
        }
        // The two keys that end in a colon are cyclictest's own spelling (rt-utils.c rt_write_json).
        String cmdline = root.path("cmdline:").asText(root.path("cmdline").asText(""));
        int range = histogramRange(cmdline);
        List<ThreadLatency> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = threads.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            result.add(jsonThread(entry.getKey(), entry.getValue(), range));
        }
        result.sort((a, b) -> Integer.compare(a.cpu(), b.cpu()));
        return new CyclictestRun("cyclictest --json", result);
    }

    private static ThreadLatency jsonThread(String name, JsonNode node, int rangeFromCmdline) {
        for (String key : new String[] {"cycles", "min", "max", "avg"}) {
            if (!node.path(key).isNumber()) {
                throw new ProbeInputException("cyclictest --json thread " + name + " has no numeric \"" + key + "\"");
            }
        }
        long cycles = node.get("cycles").asLong();
        int cpu = node.path("cpu").isInt() ? node.get("cpu").asInt() : Integer.parseInt(name);
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        JsonNode histogram = node.path("histogram");
        Iterator<Map.Entry<String, JsonNode>> it = histogram.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> bucket = it.next();
            try {
                buckets.put(Integer.parseInt(bucket.getKey()), bucket.getValue().asLong());
            } catch (NumberFormatException e) {
                throw new ProbeInputException("cyclictest --json thread " + name + ": histogram key '"
                        + bucket.getKey() + "' is not a number of µs");
            }
        }
        int range = rangeFromCmdline > 0 ? rangeFromCmdline : buckets.isEmpty() ? 0 : buckets.lastKey() + 1;
        if (range == 0) {
            return new ThreadLatency(cpu, cycles, node.get("min").asLong(), node.get("avg").asDouble(),
                    node.get("max").asLong(), new long[0], -1);
        }
        long[] counts = new long[Math.max(range, buckets.isEmpty() ? 0 : buckets.lastKey() + 1)];
        long inRange = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            counts[bucket.getKey()] = bucket.getValue();
            inRange += bucket.getValue();
        }
        return new ThreadLatency(cpu, cycles, node.get("min").asLong(), node.get("avg").asDouble(),
                node.get("max").asLong(), counts, Math.max(0, cycles - inRange));
    }

    static int histogramRange(String cmdline) {
        Matcher m = HISTOGRAM_OPTION.matcher(cmdline);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    // ---------------------------------------------------------------- -h / -H histogram text

    public static CyclictestRun parseHistogram(String text) {
        List<long[]> rows = new ArrayList<>();
        long[] total = null;
        long[] min = null;
        long[] avg = null;
        long[] max = null;
        long[] overflows = null;
        boolean started = false;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = stripCr(raw);
            if (line.equals("# Histogram")) {
                started = true;
                continue;
            }
            if (!started || line.isBlank()) {
                continue;
            }
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.matches()) {
                String[] cells = row.group(2).split("\t");
                long[] values = new long[cells.length + 1];
                values[0] = Long.parseLong(row.group(1));
                for (int i = 0; i < cells.length; i++) {
                    values[i + 1] = Long.parseLong(cells[i]);
                }
                if (!rows.isEmpty() && rows.get(0).length != values.length) {
                    throw new ProbeInputException("cyclictest histogram line " + lineNo + ": " + cells.length
                            + " columns, the rows before have " + (rows.get(0).length - 1));
                }
                rows.add(values);
            } else if (line.startsWith("# Total:")) {
                total = numbers(line, "# Total:", lineNo);
            } else if (line.startsWith("# Min Latencies:")) {
                min = numbers(line, "# Min Latencies:", lineNo);
            } else if (line.startsWith("# Avg Latencies:")) {
                avg = numbers(line, "# Avg Latencies:", lineNo);
            } else if (line.startsWith("# Max Latencies:")) {
                max = numbers(line, "# Max Latencies:", lineNo);
            } else if (line.startsWith("# Histogram Overflows:")) {
                overflows = numbers(line, "# Histogram Overflows:", lineNo);
            } else if (line.startsWith("#")) {
                continue; // overflow cycle numbers, "# NNNNN others"
            } else {
                throw new ProbeInputException("cyclictest histogram line " + lineNo + " is malformed: '"
                        + abbreviate(line) + "' (expected a row like '000044 000003\\t000001' or a '# ' summary line)");
            }
        }
        if (!started) {
            throw new ProbeInputException("not a cyclictest histogram: no '# Histogram' line");
        }
        String missing = total == null ? "# Total:" : min == null ? "# Min Latencies:" : avg == null
                ? "# Avg Latencies:" : max == null ? "# Max Latencies:" : overflows == null ? "# Histogram Overflows:" : null;
        if (missing != null) {
            throw new ProbeInputException("cyclictest histogram is truncated: no '" + missing + "' line after "
                    + rows.size() + " rows");
        }
        // Min and Avg have one value per thread; -H adds an "all" column to the rows, Total, Max and Overflows.
        int threads = min.length;
        if (threads == 0 || avg.length != threads) {
            throw new ProbeInputException("cyclictest histogram: Min and Avg Latencies disagree on the number of threads");
        }
        int columns = rows.isEmpty() ? threads : rows.get(0).length - 1;
        boolean withAll = columns == threads + 1;
        if (columns != threads && !withAll) {
            throw new ProbeInputException("cyclictest histogram rows have " + columns + " columns for " + threads + " threads");
        }
        for (long[] values : new long[][] {total, max, overflows}) {
            if (values.length < threads) {
                throw new ProbeInputException("cyclictest histogram summary has fewer values than its " + threads + " threads");
            }
        }
        int range = rows.isEmpty() ? 0 : (int) rows.get(rows.size() - 1)[0] + 1;
        List<ThreadLatency> result = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] counts = new long[range];
            for (long[] row : rows) {
                counts[(int) row[0]] = row[t + 1];
            }
            long samples = total[t] + overflows[t];
            result.add(new ThreadLatency(t, samples, min[t], avg[t], max[t], counts, overflows[t]));
        }
        return new CyclictestRun(withAll ? "cyclictest -H histogram" : "cyclictest -h histogram", result);
    }

    private static long[] numbers(String line, String label, int lineNo) {
        String rest = line.substring(label.length()).strip();
        if (rest.isEmpty()) {
            return new long[0];
        }
        String[] parts = rest.split("\\s+");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new ProbeInputException("cyclictest histogram line " + lineNo + ": '" + parts[i]
                        + "' in '" + label + "' is not a number");
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- T: summary lines, live screen

    /**
     * The last {@code T:} line of every thread. Works on {@code -q} output and on a captured live screen
     * (terminal escapes, carriage returns and {@code policy:} lines are ignored).
     */
    public static CyclictestRun parseSummary(String text) {
        boolean live = text.indexOf('\u001B') >= 0 || text.contains("policy: ");
        Map<Integer, ThreadLatency> last = new TreeMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = ANSI.matcher(stripCr(raw)).replaceAll("").strip();
            int at = line.indexOf("T:");
            if (at < 0) {
                continue;
            }
            if (at > 0 && !line.startsWith("policy:")) {
                line = line.substring(at);
            }
            if (!line.startsWith("T:")) {
                continue;
            }
            Matcher m = T_LINE.matcher(line);
            if (!m.matches()) {
                throw new ProbeInputException("cyclictest summary line " + lineNo + " is truncated or malformed: '"
                        + abbreviate(line) + "'");
            }
            int thread = Integer.parseInt(m.group(1));
            last.put(thread, new ThreadLatency(thread, Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                    Long.parseLong(m.group(8)), Long.parseLong(m.group(9)), new long[0], -1));
        }
        if (last.isEmpty()) {
            throw new ProbeInputException("no cyclictest 'T:' summary lines found");
        }
        for (ThreadLatency t : last.values()) {
            if (t.samples() == 0) {
                throw new ProbeInputException("cyclictest thread " + t.cpu() + " has no samples yet (C: 0): the capture stopped too early");
            }
        }
        return new CyclictestRun(live ? "cyclictest screen capture" : "cyclictest -q summary", List.copyOf(last.values()));
    }

    static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
