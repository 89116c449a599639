package io.gryt.postgres;

import io.gryt.api.spi.Store;
import io.gryt.sqlite.SqlStore;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens a team's gryt store on a PostgreSQL server from Java, for {@code Gryt.builder().store(...)}:
 * <pre>{@code
 * Store store = PostgresStore.open("postgres://ci@db.example:5432/gryt?sslmode=verify-full",
 *         PostgresOptions.forCommand().withPoolSize(8));
 * }</pre>
 * The password comes from {@code PGPASSWORD}, else from {@code ~/.pgpass} (or the file {@code PGPASSFILE} names),
 * never from the URL. The store records exactly what the SQLite store does, with the same audit trail; it keeps no
 * snapshots (back the database up with the server's tools). Stable.
 */
public final class PostgresStore {
    private PostgresStore() {
    }

    /** Opens the store at {@code url} with {@code options}; audit entries name the OS user. */
    public static Store open(String url, PostgresOptions options) {
        return open(url, options, () -> System.getProperty("user.name", "unknown"));
    }

    /**
     * Opens the store at {@code url}, creating or upgrading its schema as needed; {@code actor} names who acts in
     * audit entries (asked once per entry).
     *
     * @throws io.gryt.api.spi.StoreException in one line: the URL is not a PostgreSQL location, the server cannot be
     *                                        reached, refuses the credentials, has no such database, or holds a
     *                                        schema from a newer gryt
     */
    public static Store open(String url, PostgresOptions options, Supplier<String> actor) {
        return open(url, options, actor, System.getenv());
    }

    static Store open(String url, PostgresOptions options, Supplier<String> actor, Map<String, String> environment) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(actor, "actor");
        PostgresLocation at = PostgresLocation.parse(url);
        return SqlStore.on(database(at, options, environment), actor);
    }

    static PostgresDatabase database(PostgresLocation at, PostgresOptions options, Map<String, String> environment) {
        // PGPASSWORD as libpq reads it; without it the driver looks in PGPASSFILE or ~/.pgpass
        String password = environment.get("PGPASSWORD");
        return PostgresDatabase.open(at, at.applyTo(options), PostgresSchema.bundled(),
                () -> password == null || password.isEmpty() ? null : password);
    }
}
