package dev.syncopated.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** "90", "90s", "15m", "2h": a duration as people write it, in specs and on the command line. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smh]?)");
    public static final String EXAMPLES = "90s, 15m or 2h";

    private Durations() {}

    /** The duration {@code text} denotes; empty when it is not one, or zero. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        });
    }

    /** Back to the shortest way people write it: 900 s is "15m". */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
