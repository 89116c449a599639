package io.gryt.api.spi;

/**
 * The audit database: where every run, step result and data row is recorded. Implementations must be
 * safe to use from several threads and several processes at once, and must make each write atomic.
 */
public interface Store extends AutoCloseable {
    /** A human-readable location, used in messages ({@code .gryt/gryt.db}). */
    String location();

    /** Pipeline runs, step runs and data rows. */
    RunStore runs();

    /**
     * Generations, evolutions and promotions. Stores that only record runs (such as an in-memory store)
     * throw {@link StoreException} naming themselves.
     */
    default ReleaseStore releases() {
        throw new StoreException("the store at " + location() + " does not record releases (use the SQLite store)");
    }

    /** True when {@link #releases()} is supported; stores that implement it override both. */
    default boolean recordsReleases() {
        return false;
    }

    /**
     * The typed reads of reports, metrics, the command line and dashboards. Stores that cannot serve them throw
     * {@link StoreException} naming themselves.
     */
    default RecordReads reads() {
        throw new StoreException("the store at " + location() + " does not serve typed reads");
    }

    /** The audit trail. Stores without one throw {@link StoreException}. */
    default AuditStore audit() {
        throw new StoreException("the store at " + location() + " keeps no audit trail (use the SQLite store)");
    }

    /**
     * The outbox of events on their way to destinations. Stores without one throw {@link StoreException}; gryt
     * then delivers nothing to destinations (and says so).
     */
    default OutboxStore outbox() {
        throw new StoreException("the store at " + location() + " keeps no outbox for destinations");
    }

    /**
     * Runs {@code sql} on a read-only connection (for {@code gryt db query} only: gryt itself reads through
     * {@link #reads()}, {@link #runs()} and {@link #releases()}, so that any store can serve it) and streams its result to {@code handler}. The connection
     * itself refuses writes, so a {@code DELETE} or {@code DROP} fails with a {@link StoreException} and changes
     * nothing. Stores that cannot do this throw {@link StoreException}.
     */
    default void query(String sql, RowHandler handler) {
        throw new StoreException("the store at " + location() + " does not support SQL queries");
    }

    /**
     * Runs a user's {@code sql} ({@code gryt db query}) as {@link #query} does, against the schema documented for
     * users (docs/cli.md): the tables as the product spec names them, where a column that refers to another row
     * holds that row's name (a generation's version, an evolution's tag, a change's id), so that
     * {@code SELECT * FROM evolutions WHERE generation_id = 'v2.2.0'} answers as documented. A store whose
     * tables differ from it presents it (the SQLite store: temporary views on the query's own connection). By
     * default, {@link #query}.
     */
    default void userQuery(String sql, RowHandler handler) {
        query(sql, handler);
    }

    /**
     * True when this store only reads: every write fails with a {@link ReadOnlyStoreException}, and opening a
     * project repairs nothing in it (runs a dead process left {@code running} stay as they are).
     */
    default boolean readOnly() {
        return false;
    }

    /** Releases connections; further calls fail. */
    @Override
    void close();
}
