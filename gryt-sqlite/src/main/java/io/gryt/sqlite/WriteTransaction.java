package io.gryt.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One write transaction on a JDBC connection of the SQLite file, the single way gryt's SQLite writes (Jdbi's and plain
 * JDBC's, migrations included) begin and commit. It commits by leaving manual commit, which JDBC defines as a commit,
 * and not with {@code commit()}: sqlite-jdbc's {@code commit()} begins the next transaction at once, taking the write
 * lock again ({@code BEGIN IMMEDIATE}), so under many writers it could fail after its commit and report a write that
 * happened as failed.
 */
final class WriteTransaction {
    private WriteTransaction() {
    }

    /** The statements of a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Begins a transaction on {@code connection} (the connection's {@code BEGIN IMMEDIATE}: the write lock), calls
     * {@code begun}, runs {@code work} and commits; rolls back when {@code work} or the commit fails.
     */
    static <T> T run(Connection connection, Runnable begun, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            begun.run();
            T result = work.run();
            connection.setAutoCommit(true);
            committed = true;
            return result;
        } finally {
            if (!committed) rollBack(connection);
        }
    }

    private static void rollBack(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            // the work's own failure is what the caller hears about; closing the connection discards the transaction
        }
    }
}
