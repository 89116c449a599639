package io.gryt.sqlite;

import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.Store;

import java.nio.file.Path;
import java.util.List;

/**
 * A gryt {@link Store} in one SQLite file. Safe to share between threads, and several processes may open the
 * same file at once. Usually opened through {@link SqliteStoreProvider}; {@link #open(Path)} is for embedders
 * and tests that hold a path.
 *
 * <p>Stability: the class is stable; the file's schema belongs to gryt and changes only through migrations.
 */
public final class SqliteStore implements Store {
    private final Database database;
    private final RunStore runs;
    private final ReleaseStore releases;

    private SqliteStore(Database database) {
        this.database = database;
        this.runs = new SqliteRunStore(database);
        this.releases = new SqliteReleaseStore(database);
    }

    /**
     * Opens the database file {@code dbFile}, creating it (and its directories) or upgrading its schema as
     * needed.
     *
     * @throws io.gryt.api.spi.StoreException when the file is not a gryt database, was written by a newer gryt,
     *                                        or cannot be opened
     */
    public static SqliteStore open(Path dbFile) {
        return open(dbFile, dbFile.toString());
    }

    static SqliteStore open(Path dbFile, String location) {
        return open(dbFile, location, Migration.bundled());
    }

    static SqliteStore open(Path dbFile, String location, List<Migration> migrations) {
        return new SqliteStore(Database.open(dbFile, location, migrations));
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

    /** Always true: this store records generations, evolutions and promotions. */
    @Override
    public boolean recordsReleases() {
        return true;
    }

    @Override
    public void query(String sql, RowHandler handler) {
        ReadOnlyQuery.run(database, sql, handler);
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
