package dev.syncopated.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value formats that a plain type cannot express, each with a message and a fix when a value breaks it. */
public enum Format {
    RATE("standard sample rate") {
        @Override
        public Optional<Problem> check(Object value) {
            long rate = (Long) value;
            if (STANDARD_RATES.contains(rate)) {
                return Optional.empty();
            }
            long nearest = STANDARD_RATES.stream().min((a, b) -> Long.compare(Math.abs(a - rate), Math.abs(b - rate))).orElseThrow();
            return problem(rate + " is not a standard sample rate",
                    "did you mean " + nearest + "? standard rates: " + join(STANDARD_RATES));
        }
    },
    QUANTUM("power of two from 16 to 8192") {
        @Override
        public Optional<Problem> check(Object value) {
            long q = (Long) value;
            if (q >= 16 && q <= 8192 && Long.bitCount(q) == 1) {
                return Optional.empty();
            }
            long nearest = q < 16 ? 16 : q > 8192 ? 8192 : nearestPowerOfTwo(q);
            return problem(q + " is not a power of two from 16 to 8192",
                    "did you mean " + nearest + "? PipeWire buffers are 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 or 8192 frames");
        }
    },
    CPULIST("cpulist such as 2-3 or 4-7,9") {
        @Override
        public Optional<Problem> check(Object value) {
            return cpulistProblem((String) value);
        }
    },
    ISOLATED_CPULIST("cpulist without CPU 0") {
        @Override
        public Optional<Problem> check(Object value) {
            String list = (String) value;
            Optional<Problem> syntax = cpulistProblem(list);
            if (syntax.isPresent()) {
                return syntax;
            }
            TreeSet<Integer> cpus = cpus(list);
            if (cpus.contains(0)) {
                cpus.remove(0);
                String fix = cpus.isEmpty() ? "isolate CPUs from 1 up, for example \"1-3\"" : "use \"" + format(cpus) + "\"";
                return problem("CPU 0 is in the isolated set \"" + list + "\"",
                        "CPU 0 must stay a housekeeping CPU for the kernel; " + fix);
            }
            return Optional.empty();
        }
    },
    USB_ID("vvvv:pppp hex USB id") {
        @Override
        public Optional<Problem> check(Object value) {
            String id = (String) value;
            if (USB_ID_PATTERN.matcher(id).matches()) {
                return Optional.empty();
            }
            return problem("'" + id + "' is not a USB id",
                    "write the vendor and product ids as 4+4 hex digits, as lsusb prints them, for example \"1235:8210\"");
        }
    },
    USER("POSIX user name") {
        @Override
        public Optional<Problem> check(Object value) {
            return posixNameProblem((String) value, "user");
        }
    },
    GROUP("POSIX group name") {
        @Override
        public Optional<Problem> check(Object value) {
            return posixNameProblem((String) value, "group");
        }
    },
    MEMLOCK("KiB or unlimited") {
        @Override
        public Optional<Problem> check(Object value) {
            if (value instanceof Long kib) {
                return kib > 0 ? Optional.empty() : problem("memlock " + kib + " is not a positive size",
                        "give the size in KiB, such as 4194304, or unlimited");
            }
            return "unlimited".equals(value) ? Optional.empty()
                    : problem("memlock '" + value + "' is neither a size nor unlimited",
                            "give the size in KiB, such as 4194304, or unlimited");
        }
    };

    /** What is wrong with a value, and how to fix it. */
    public record Problem(String message, String hint) {}

    public static final List<Long> STANDARD_RATES =
            List.of(8000L, 11025L, 16000L, 22050L, 32000L, 44100L, 48000L, 88200L, 96000L, 176400L, 192000L, 352800L, 384000L);
    private static final Pattern USB_ID_PATTERN = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{4}");
    private static final Pattern POSIX_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern CPU_RANGE = Pattern.compile("(\\d{1,4})(?:-(\\d{1,4}))?");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.key().equals(text)).findFirst();
    }

    /** Checks a value already of the option's type (Long for int, String for str). */
    public abstract Optional<Problem> check(Object value);

    private static Optional<Problem> problem(String message, String hint) {
        return Optional.of(new Problem(message, hint));
    }

    private static String join(List<Long> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    private static long nearestPowerOfTwo(long q) {
        long lower = Long.highestOneBit(q);
        long upper = lower << 1;
        return q - lower <= upper - q ? lower : upper;
    }

    private static Optional<Problem> posixNameProblem(String name, String what) {
        if (POSIX_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String fix = POSIX_NAME.matcher(lower).matches() ? "did you mean '" + lower + "'? " : "";
        return problem("'" + name + "' is not a valid " + what + " name",
                fix + "a " + what + " name is lower-case letters, digits, '_' and '-', starting with a letter or '_', at most 32 long");
    }

    private static Optional<Problem> cpulistProblem(String list) {
        for (String part : list.split(",", -1)) {
            Matcher m = CPU_RANGE.matcher(part.strip());
            if (!m.matches()) {
                return problem("'" + list + "' is not a cpulist",
                        "list CPUs and ranges separated by commas, for example \"2-3\" or \"4-7,9\"");
            }
            if (m.group(2) != null && Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
                return problem("range '" + part.strip() + "' in cpulist '" + list + "' runs backwards",
                        "write the lower CPU first, for example \"" + m.group(2) + "-" + m.group(1) + "\"");
            }
        }
        return Optional.empty();
    }

    /** The CPUs of a valid cpulist. */
    public static TreeSet<Integer> cpus(String list) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            Matcher m = CPU_RANGE.matcher(part.strip());
            if (m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            }
        }
        return cpus;
    }

    /** The shortest cpulist for a set of CPUs: runs of two or more become ranges. */
    public static String format(TreeSet<Integer> cpus) {
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int cpu : cpus) {
            if (previous != null && cpu == previous + 1) {
                previous = cpu;
                continue;
            }
            appendRun(out, start, previous);
            start = cpu;
            previous = cpu;
        }
        appendRun(out, start, previous);
        return out.toString();
    }

    private static void appendRun(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (!start.equals(end)) {
            out.append('-').append(end);
        }
    }
}
