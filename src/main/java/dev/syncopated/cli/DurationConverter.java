package dev.syncopated.cli;

import dev.syncopated.spec.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "90", "90s", "15m", "2h": a duration as people write it. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() ->
                new TypeConversionException("'" + value + "' is not a duration; write it like " + Durations.EXAMPLES));
    }
}
