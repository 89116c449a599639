package io.gryt.sqlite;

import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.OutboxStore;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A gryt {@link Store} in one SQLite file. Safe to share between threads, and several processes may open the
 * same file at once. Usually opened through {@link SqliteStoreProvider}; {@link #open(Path)} is for embedders
 * and tests that hold a path.
 *
 * <p>Stability: the class is stable; the file's schema belongs to gryt and changes only through migrations.
 */
public final class SqliteStore implements Store {
    /** The actor of audit entries when none is given: the OS user. */
    static final Supplier<String> OS_USER = () -> System.getProperty("user.name", "unknown");

    private final Database database;
    private final RunStore runs;
    private final ReleaseStore releases;
    private final AuditStore audit;
    private final RecordReads reads;
    private final OutboxStore outbox;

    private SqliteStore(Database database, Supplier<String> actor) {
        AuditLog log = new AuditLog(actor);
        this.database = database;
        this.runs = new SqliteRunStore(database, log);
        this.releases = new SqliteReleaseStore(database, log);
        this.audit = new SqliteAuditStore(database, log);
        this.reads = new SqliteReads(database);
        this.outbox = new SqliteOutbox(database);
    }

    /**
     * Opens the database file {@code dbFile}, creating it (and its directories) or upgrading its schema as
     * needed. Audit entries name the OS user as their actor.
     *
     * @throws io.gryt.api.spi.StoreException when the file is not a gryt database, was written by a newer gryt,
     *                                        or cannot be opened
     */
    public static SqliteStore open(Path dbFile) {
        return open(dbFile, OS_USER);
    }

    /** Like {@link #open(Path)}; {@code actor} names who acts in audit entries (asked once per entry). */
    public static SqliteStore open(Path dbFile, Supplier<String> actor) {
        return open(dbFile, dbFile.toString(), actor);
    }

    static SqliteStore open(Path dbFile, String location) {
        return open(dbFile, location, OS_USER);
    }

    static SqliteStore open(Path dbFile, String location, Supplier<String> actor) {
        return open(dbFile, location, Migration.bundled(), actor);
    }

    static SqliteStore open(Path dbFile, String location, List<Migration> migrations) {
        return open(dbFile, location, migrations, OS_USER);
    }

    private static SqliteStore open(Path dbFile, String location, List<Migration> migrations, Supplier<String> actor) {
        return new SqliteStore(Database.open(dbFile, location, migrations), actor);
    }

    /**
     * Opens the existing database file {@code dbFile} for reading only: nothing is written to it or beside it, so
     * this works on a read-only copy or mount (an auditor's, say). {@link #open} does this by itself when gryt may
     * not write the file or its directory. Every write fails with a {@link io.gryt.api.spi.ReadOnlyStoreException}.
     *
     * @throws io.gryt.api.spi.StoreException when the file is missing, not a gryt database, from another schema
     *                                        version, or has a write-ahead log with commits not merged yet
     */
    public static SqliteStore openReadOnly(Path dbFile) {
        return new SqliteStore(Database.openReadOnly(dbFile, dbFile.toString(), Migration.bundled()), OS_USER);
    }

    @Override
    public boolean readOnly() {
        return database.readOnly();
    }

    @Override
    public String location() {
        return database.location();
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public ReleaseStore releases() {
        return releases;
    }

    /** Typed reads for reports, metrics and the command line. */
    @Override
    public RecordReads reads() {
        return reads;
    }

    /** The hash-chained audit trail, its verification, snapshots and rollback. */
    @Override
    public AuditStore audit() {
        return audit;
    }

    /** The outbox of events on their way to destinations ({@code outbox_events}, {@code outbox_deliveries}). */
    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    /** Always true: this store records generations, evolutions and promotions. */
    @Override
    public boolean recordsReleases() {
        return true;
    }

    @Override
    public void query(String sql, RowHandler handler) {
        ReadOnlyQuery.run(database, sql, handler, false);
    }

    /** As {@link #query}, with the schema users query (views named in {@code query-schema.sql}) over the tables. */
    @Override
    public void userQuery(String sql, RowHandler handler) {
        ReadOnlyQuery.run(database, sql, handler, true);
    }

    /** The database, for the stores of other parts of the model. */
    Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "SqliteStore[" + location() + "]";
    }
}
