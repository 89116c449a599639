package io.gryt.sqlite;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

import java.sql.Types;
import java.time.Instant;
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

    /** {@code instant} as stored: ISO-8601 UTC with nine fractional digits; null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
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
