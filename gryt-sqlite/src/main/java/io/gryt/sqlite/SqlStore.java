package io.gryt.sqlite;

import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.OutboxStore;
import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The gryt {@link Store} of this module's run, release, audit and read stores over any {@link SqlDatabase}: how
 * another SQL engine (gryt-postgres) keeps exactly the records, audit entries and hashes of the SQLite store.
 * {@link SqliteStore} is the same over a SQLite file, with snapshots.
 *
 * <p>Stability: internal, shared by gryt's SQL store modules; embedders open stores through their providers.
 */
public final class SqlStore implements Store {
    private final SqlDatabase database;
    private final RunStore runs;
    private final ReleaseStore releases;
    private final AuditStore audit;
    private final RecordReads reads;
    private final OutboxStore outbox;

    private SqlStore(SqlDatabase database, Supplier<String> actor) {
        AuditLog log = new AuditLog(actor);
        this.database = database;
        this.runs = new SqliteRunStore(database, log);
        this.releases = new SqliteReleaseStore(database, log);
        this.audit = new SqliteAuditStore(database, log);
        this.reads = new SqliteReads(database);
        this.outbox = new SqliteOutbox(database);
    }

    /** A store on {@code database}, whose audit entries name {@code actor} (asked once per entry). */
    public static SqlStore on(SqlDatabase database, Supplier<String> actor) {
        return new SqlStore(Objects.requireNonNull(database, "database"), Objects.requireNonNull(actor, "actor"));
    }

    @Override
    public String location() {
        return database.location();
    }

    @Override
    public boolean readOnly() {
        return database.readOnly();
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public ReleaseStore releases() {
        return releases;
    }

    @Override
    public boolean recordsReleases() {
        return true;
    }

    @Override
    public RecordReads reads() {
        return reads;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public void query(String sql, RowHandler handler) {
        database.query(sql, handler, false);
    }

    @Override
    public void userQuery(String sql, RowHandler handler) {
        database.query(sql, handler, true);
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "SqlStore[" + location() + "]";
    }
}
