package io.gryt.cli;

import io.gryt.core.text.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Reads an option's duration as gryt files write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = Durations.parse(value);
        if (d == null) throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 10m, 1h30m");
        return d;
    }
}
