package io.gryt.sqlite;

import org.jdbi.v3.core.Handle;

import io.gryt.api.spi.RowHandler;
import org.jdbi.v3.core.HandleCallback;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The database gryt's SQL stores run on: SQLite's file here, or another engine's (gryt-postgres). The stores
 * ({@link SqlStore}) write the same SQL on each; an engine whose dialect differs translates it (for Jdbi, with a
 * {@link org.jdbi.v3.core.statement.TemplateEngine}), keeps the schema the migrations of this module describe,
 * stores timestamps as {@link Timestamps} text, and makes {@link #write} transactions run one at a time (the audit
 * chain and RC numbers are allocated as last + 1 inside them). Each method turns driver failures into one-line
 * {@link io.gryt.api.spi.StoreException}s naming {@link #location()}.
 *
 * <p>Stability: internal, shared by gryt's SQL store modules; not for embedders.
 */
public interface SqlDatabase extends AutoCloseable {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The database as named in messages. */
    String location();

    /** True when every write is refused. */
    boolean readOnly();

    /** The database file, for stores kept in one (snapshots live beside it); empty for a server's database. */
    default Optional<Path> databaseFile() {
        return Optional.empty();
    }

    /** Runs one query with positional ({@code ?}) {@code parameters} outside any transaction; its rows by {@code reader}. */
    <T> List<T> select(String what, String sql, RowReader<T> reader, Object... parameters);

    /** The first row of {@link #select}, if any. */
    default <T> Optional<T> selectFirst(String what, String sql, RowReader<T> reader, Object... parameters) {
        return select(what, sql, reader, parameters).stream().findFirst();
    }

    /** Runs {@code callback} on a connection of its own, outside any transaction. */
    <T> T read(String what, HandleCallback<T, RuntimeException> callback);

    /** Runs {@code callback} in one read-only transaction that sees one consistent state while others write. */
    <T> T readConsistent(String what, HandleCallback<T, RuntimeException> callback);

    /** Runs {@code callback} in one write transaction, one at a time with every other writer, committed when it returns. */
    <T> T write(String what, HandleCallback<T, RuntimeException> callback);

    /**
     * Runs {@code work}, and in the transaction of the first {@link #write} it makes on this thread also
     * {@code extra} (the outbox's rows, committed with the state they describe); see {@link StagedWrites}.
     */
    <T> StagedWrites.Staged<T> staging(java.util.function.Consumer<Handle> extra, java.util.function.Supplier<T> work);

    /** A write on plain JDBC: runs inside the transaction on {@code connection}, which it must not commit or close. */
    @FunctionalInterface
    interface RecordWrite<T> {
        T write(java.sql.Connection connection) throws SQLException;

        /** Runs this write on the connection of {@code handle} (in its transaction); a driver failure as Jdbi's. */
        default T on(Handle handle) {
            try {
                return write(handle.getConnection());
            } catch (SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
            }
        }
    }

    /**
     * {@link #write} for a run's step records, which the run's end ({@link #writeRunRecord}) makes durable, on plain
     * JDBC (no Jdbi on a run's path): an engine may commit it without waiting for the disk (SQLite:
     * {@code synchronous=NORMAL}, still safe against a killed process). By default, {@link #write}.
     */
    default <T> T writeStepRecord(String what, RecordWrite<T> work) {
        return write(what, work::on);
    }

    /** {@link #write} of a run's start or end on plain JDBC, committed as durably as {@link #write}. By default, {@link #write}. */
    default <T> T writeRunRecord(String what, RecordWrite<T> work) {
        return write(what, work::on);
    }

    /** Runs a user's {@code sql} on a connection that cannot write ({@code gryt db query}); see {@link io.gryt.api.spi.Store#userQuery}. */
    void query(String sql, RowHandler handler, boolean userSchema);

    /** Releases the connections. */
    @Override
    void close();
}
