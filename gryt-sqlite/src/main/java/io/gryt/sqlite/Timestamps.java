package io.gryt.sqlite;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

import java.sql.Types;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Stores {@link Instant}s as ISO-8601 UTC text with a fixed nine fractional digits
 * ({@code 2025-01-31T09:30:00.123456789Z}): lossless, readable in {@code gryt db query}, and ordered as text
 * (unlike {@link Instant#toString()}, which drops zero fractions). Installed as a Jdbi plugin so that every
 * {@code Instant} bound or mapped goes through it rather than through the driver's date handling. Public for
 * gryt's other SQL stores ({@link SqlDatabase}), which store time the same way; internal otherwise.
 */
public final class Timestamps implements JdbiPlugin {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    /** The last second of year 9999: later (and pre-1970) instants are left to {@link #FORMAT}. */
    private static final long LAST_PLAIN_SECOND = 253_402_300_799L;

    /** {@code instant} as stored: ISO-8601 UTC with nine fractional digits; null for null. */
    public static String format(Instant instant) {
        if (instant == null) return null;
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_PLAIN_SECOND) return FORMAT.format(instant);
        // the same text as FORMAT's, written directly: a run formats several instants per step
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0',
                '.', '0', '0', '0', '0', '0', '0', '0', '0', '0', 'Z'};
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        digits(text, 20, 9, instant.getNano());
        return new String(text);
    }

    /** Writes {@code value} as {@code width} decimal digits ending at {@code text[from + width - 1]}. */
    private static void digits(char[] text, int from, int width, int value) {
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The instant of stored text; null for null. Text of {@link #format}'s own shape is read directly (a read at
     * scale parses two per row: {@link Instant#parse} of 200,000 took most of {@code gryt status} at 100,000 runs);
     * any other text, or a date or time that does not exist, goes to {@link Instant#parse}, which decides as before.
     */
    static Instant parse(String text) {
        if (text == null) return null;
        if (text.length() == 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(29) == 'Z') {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int nano = number(text, 20, 9);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && nano >= 0) {
                try {
                    return Instant.ofEpochSecond(LocalDateTime.of(year, month, day, hour, minute, second)
                            .toEpochSecond(ZoneOffset.UTC), nano);
                } catch (DateTimeException e) {
                    // no such date or time (February 30th, hour 24): Instant.parse decides (it adjusts some)
                }
            }
        }
        return Instant.parse(text);
    }

    /** The {@code width} decimal digits of {@code text} from {@code from}; -1 when one is not a digit. */
    private static int number(String text, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** For {@code installPlugin}. */
    public Timestamps() {
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new InstantArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> parse(rs.getString(column)));
    }

    private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
        InstantArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            String text = format(value);
            return (position, statement, ctx) -> statement.setString(position, text);
        }
    }
}
