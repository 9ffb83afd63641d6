package dev.syncopated.cli;

import dev.syncopated.fleet.Holds;
import dev.syncopated.run.UserError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** How long a show hold lasts, for {@code hold} and {@code fleet hold}: one of --for, --until and --release. */
final class HoldOptions {
    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Hold for this long from now (90m, 3h).")
    Duration forDuration;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Hold until this local time: 02:00 (its next occurrence), 2026-12-24T02:00, or with an offset.")
    String until;

    @Option(names = "--release", description = "End the hold now: the next pull applies what waits.")
    boolean release;

    /** When the hold ends, or null for --release. */
    Instant end(Clock clock) {
        if (release) {
            return null;
        }
        if (forDuration != null) {
            return clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(forDuration);
        }
        return Holds.untilTime(until, clock.instant(), clock.getZone()).orElseThrow(() -> UserError.usage(
                "--until '" + until + "' is not a time", "write it like 02:00, 2026-12-24T02:00 or 2026-12-24T02:00+01:00"));
    }
}
