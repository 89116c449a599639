package io.gryt.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One step of the schema's history: a SQL script that takes the schema from {@code version - 1} to
 * {@code version}. Scripts live next to this class as {@code migrations/V<version>__<description>.sql}; once
 * released, a script is never edited, only followed by a new one.
 *
 * @param version     the schema version it produces (1, 2, ...)
 * @param description what it does, as recorded in {@code schema_version}
 * @param sql         the script (several statements)
 */
record Migration(int version, String description, String sql) {
    /** The migrations this gryt knows, in order. Add new ones at the end. */
    private static final List<Migration> BUNDLED = List.of(
            resource(1, "initial"),
            resource(2, "output_and_test_rows"),
            resource(3, "ci_runs"),
            resource(4, "destinations"),
            resource(5, "policy"),
            resource(6, "evolutions_by_creation"));

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }

    static List<Migration> bundled() {
        return BUNDLED;
    }

    private static Migration resource(int version, String description) {
        String name = "migrations/V" + version + "__" + description + ".sql";
        try (InputStream in = Migration.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: io/gryt/sqlite/" + name);
            }
            return new Migration(version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration io/gryt/sqlite/" + name, e);
        }
    }
}
