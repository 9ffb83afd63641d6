package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Why a pull applies nothing now: a show hold until a time (set on the node with {@code syncopated
 * hold}, or for it in the fleet repository with {@code syncopated fleet hold}), or audio playing on
 * the node right now.
 *
 * @param until  when a show hold ends (null for {@link Reason#PLAYING})
 * @param detail where the hold comes from, or what is playing
 */
public record Hold(Reason reason, Instant until, String detail) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public enum Reason {
        UNTIL, PLAYING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Hold until(Instant until, String source) {
        return new Hold(Reason.UNTIL, until, source);
    }

    public static Hold playing(String what) {
        return new Hold(Reason.PLAYING, null, what);
    }

    /**
     * How fleet status and pull say it: "held (playing)", or "held until 02:00" in {@code zone} (with the
     * date when the hold ends more than a day after {@code now}).
     */
    public String label(Instant now, ZoneId zone) {
        if (reason == Reason.PLAYING) {
            return "held (playing)";
        }
        ZonedDateTime local = until.atZone(zone);
        return "held until " + (Duration.between(now, until).compareTo(Duration.ofHours(24)) < 0
                ? CLOCK.format(local) : DAY_AND_CLOCK.format(local));
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("reason", reason.label());
        n.put("until", until == null ? null : until.toString());
        n.put("detail", detail);
        return n;
    }

    /** The hold a status file records, or null when it records none (or one it cannot read). */
    public static Hold fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        String detail = n.hasNonNull("detail") ? n.get("detail").asText() : null;
        if ("playing".equals(n.path("reason").asText())) {
            return playing(detail);
        }
        try {
            return n.hasNonNull("until") ? until(Instant.parse(n.get("until").asText()), detail) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
