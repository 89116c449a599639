package io.gryt.sqlite;

import io.gryt.api.spi.DamagedStoreException;
import io.gryt.api.spi.NewerStoreException;
import io.gryt.api.spi.StoreException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brings a database's schema up to date. Each migration runs in its own {@code BEGIN IMMEDIATE} transaction
 * that first re-reads {@code schema_version}: the write lock is taken before the check, so when several
 * processes open a new database at once exactly one applies each migration and the others wait, then find
 * nothing left to do.
 */
final class Migrator {
    private final List<Migration> migrations;
    private final String location;

    Migrator(List<Migration> migrations, String location) {
        this.migrations = List.copyOf(migrations);
        this.location = location;
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3...: " + this.migrations);
            }
        }
    }

    /** The newest schema version this gryt knows. */
    int latest() {
        return migrations.size();
    }

    /** Applies every missing migration, each in a transaction of its own. */
    void migrate(Jdbi jdbi) throws SQLException {
        Optional<Migration> applied;
        do {
            applied = jdbi.withHandle(h -> WriteTransaction.run(h.getConnection(), () -> { }, () -> applyNext(h)));
        } while (applied.isPresent());
    }

    /**
     * Checks that the database is a gryt database this gryt can use, without writing to it.
     * Returns its schema version, 0 for an empty database.
     */
    int check(SchemaInspection inspection) {
        if (!inspection.isGryt() && !inspection.otherTables().isEmpty()) {
            throw new DamagedStoreException(location + " is not a gryt database (it holds other tables: "
                    + inspection.otherTablesSummary() + ")");
        }
        if (inspection.version() > latest()) {
            throw new NewerStoreException(location + " was written by a newer gryt (schema " + inspection.version()
                    + "; this gryt knows up to " + latest() + "): upgrade gryt");
        }
        return inspection.version();
    }

    private Optional<Migration> applyNext(Handle handle) throws SQLException {
        int current = check(SchemaInspection.of(handle.getConnection()));
        if (current == latest()) {
            return Optional.empty();
        }
        Migration next = migrations.get(current);
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at  TEXT NOT NULL
                    )""");
            // sqlite-jdbc runs every statement of a script given to executeUpdate, parsed by SQLite itself.
            statement.executeUpdate(next.sql());
        } catch (SQLException e) {
            throw new StoreException(location + ": schema migration V" + next.version() + " (" + next.description()
                    + ") failed: " + Database.reason(e), e);
        }
        handle.createUpdate("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")
                .bind(0, next.version())
                .bind(1, next.description())
                .bindByType(2, Instant.now(), Instant.class)
                .execute();
        return Optional.of(next);
    }
}
