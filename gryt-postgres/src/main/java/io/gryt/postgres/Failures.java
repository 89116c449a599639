package io.gryt.postgres;

import io.gryt.api.spi.StoreException;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** What a PostgreSQL failure means for gryt: whether it may be tried again, and how to say it in one line. */
final class Failures {
    /** A transaction that lost a race and was rolled back: serialization failure, deadlock. */
    private static final Set<String> LOST_RACE = Set.of("40001", "40P01");
    /** The server is going away or coming back: admin shutdown, crash shutdown, cannot connect now. */
    private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");
    /** HikariCP's message (without a SQL state) for a connection it closed after a fatal error. */
    private static final String CLOSED_BY_POOL = "Connection is closed";

    private Failures() {
    }

    /** True when the transaction or connection that failed changed nothing and may be begun again. */
    static boolean isRetryable(Throwable e) {
        SQLException sql = sqlException(e);
        return sql != null && sql.getSQLState() != null && LOST_RACE.contains(sql.getSQLState()) || isConnectionLoss(e);
    }

    /**
     * True when the server could not be reached or the connection to it broke. The causes and the suppressed
     * exceptions count: when a statement fails because the server went away, the pool closes the connection, and the
     * rollback that follows fails with the pool's "Connection is closed", the first failure suppressed under it.
     */
    static boolean isConnectionLoss(Throwable e) {
        if (hasCause(e, UnknownHostException.class)) return false; // a name that does not resolve stays so
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() == null && CLOSED_BY_POOL.equals(sql.getMessage())) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != t && isConnectionLoss(suppressed)) return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("08004")) return false; // the server rejected the connection: credentials
                if (state.startsWith("08") || SERVER_GOING.contains(state)) return true;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof EOFException
                    || t instanceof SocketTimeoutException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) return true;
        }
        return false;
    }

    /** The innermost SQL exception of {@code e}, or null. */
    static SQLException sqlException(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) found = sql;
        }
        return found;
    }

    /** The driver's one-line reason. */
    static String reason(Throwable e) {
        Throwable reason = sqlException(e);
        if (reason == null) reason = e;
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** {@code e} as one line: what could not be done at {@code at}, and why in the user's terms. */
    static StoreException describe(PostgresLocation at, String what, Throwable e) {
        String where = at.shown();
        String server = at.host() + ":" + at.port();
        SQLException sql = sqlException(e);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String reason = reason(e);
        if (state.equals("28P01") || state.equals("28000") || reason.contains("no password was provided")) {
            return new StoreException(where + ": the server refused the credentials of role '" + at.role() + "' ("
                    + reason + "); give the password in PGPASSWORD or ~/.pgpass, see docs/team-store.md", e);
        }
        if (state.equals("3D000")) {
            return new StoreException(where + ": the server at " + server + " has no database '" + at.database()
                    + "' (create it: createdb -O " + at.role() + " " + at.database() + ")", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new StoreException(where + ": unknown host '" + at.host() + "'", e);
        }
        if (isConnectionLoss(e)) {
            return new StoreException(where + ": cannot reach the PostgreSQL server at " + server + " (" + reason
                    + "): is it running, and does it accept connections from here?", e);
        }
        return new StoreException(where + ": cannot " + what + ": " + reason, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }
}
