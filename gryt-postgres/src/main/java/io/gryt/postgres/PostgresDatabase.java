package io.gryt.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.gryt.api.BadInputException;
import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.StoreException;
import io.gryt.sqlite.SqlDatabase;
import io.gryt.sqlite.SqlStatements;
import io.gryt.sqlite.StagedWrites;
import io.gryt.sqlite.Timestamps;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A gryt database on a PostgreSQL server, through a small HikariCP pool: {@link #open} checks that the server can
 * be reached with these credentials and brings the schema up to date ({@link PostgresSchema}).
 *
 * <p>Every write transaction first takes gryt's transaction-scoped advisory lock ({@link #WRITE_LOCK}), so writers
 * on every machine run one at a time, as SQLite's {@code BEGIN IMMEDIATE} makes them: the audit chain's next
 * sequence number and a generation's next RC number, read as last + 1 under the lock, are unique and gap-free.
 * A transaction that fails before it commits, because it lost a serialization race or a deadlock or because the
 * connection broke (a server restart, a fail-over), changed nothing and is begun again until
 * {@link PostgresOptions#patience()} runs out; one whose connection broke while committing is reported, never
 * repeated, since it may have been recorded.
 */
final class PostgresDatabase implements SqlDatabase {
    /** The key of gryt's advisory write lock (per database): the bytes of "gryt.wri". */
    static final long WRITE_LOCK = 0x677279742e777269L;

    private final PostgresLocation at;
    private final PostgresOptions options;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final PostgresDialect dialect;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StagedWrites staged = new StagedWrites();

    private PostgresDatabase(PostgresLocation at, PostgresOptions options, HikariDataSource pool) {
        this.at = at;
        this.options = options;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new Timestamps());
        org.jdbi.v3.core.statement.SqlStatements statements = jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class);
        this.dialect = new PostgresDialect(statements.getTemplateEngine());
        statements.setTemplateEngine(dialect);
    }

    /**
     * Connects to {@code at} and migrates its schema to {@code schema}'s newest version.
     *
     * @throws StoreException in one line: the server cannot be reached, refuses the credentials, has no such
     *                        database, or holds a schema from a newer gryt
     */
    static PostgresDatabase open(PostgresLocation at, PostgresOptions options, PostgresSchema schema,
                                 Supplier<String> password) {
        HikariDataSource pool = pool(at, options, password.get());
        try {
            PostgresDatabase db = new PostgresDatabase(at, options, pool);
            db.retrying("open the database", () -> {
                try (Connection c = pool.getConnection()) {
                    schema.migrate(c, at.shown());
                }
                return null;
            });
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(PostgresLocation at, PostgresOptions options, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gryt " + at.shown());
        config.setJdbcUrl(at.jdbcUrl());
        config.setUsername(at.role());
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, options.connectTimeout().toMillis()));
        // connect lazily: open() makes the first connection itself, to report failures in one line
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", "gryt");
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, options.connectTimeout().toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        at.parameters().forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    @Override
    public String location() {
        return at.shown();
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public <T> List<T> select(String what, String sql, RowReader<T> reader, Object... parameters) {
        String translated = dialect.translate(sql);
        return retrying(what, () -> {
            try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(translated)) {
                for (int i = 0; i < parameters.length; i++) st.setObject(i + 1, parameters[i]);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) rows.add(reader.read(rs));
                }
                return rows;
            }
        });
    }

    @Override
    public <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        return retrying(what, () -> jdbi.withHandle(callback));
    }

    @Override
    public <T> T readConsistent(String what, HandleCallback<T, RuntimeException> callback) {
        return retrying(what, () -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("SET TRANSACTION READ ONLY");
            return callback.withHandle(h);
        }));
    }

    @Override
    public <T> StagedWrites.Staged<T> staging(Consumer<Handle> extra, Supplier<T> work) {
        return staged.staging(extra, work);
    }

    @Override
    public <T> T write(String what, HandleCallback<T, RuntimeException> callback) {
        ensureOpen();
        AtomicBoolean committing = new AtomicBoolean();
        RetryPolicy<T> policy = retryPolicy(e -> !committing.get() && Failures.isRetryable(e));
        try {
            return Failsafe.with(policy).get(() -> {
                committing.set(false);
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
                    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", WRITE_LOCK).mapTo(Integer.class).one();
                    T result = callback.withHandle(h);
                    staged.runIn(h);
                    committing.set(true);
                    return result;
                });
            });
        } catch (FailsafeException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            if (committing.get() && Failures.isConnectionLoss(e)) {
                throw new StoreException(location() + ": the connection broke while committing, so it is not known"
                        + " whether gryt could " + what + " (" + Failures.reason(e) + "); check with 'gryt audit verify'", e);
            }
            throw failure(what, e);
        }
    }

    @Override
    public void query(String sql, RowHandler handler, boolean userSchema) {
        ensureOpen();
        String more = SqlStatements.afterFirst(sql);
        if (!more.isEmpty()) {
            throw new BadInputException("db query on " + location() + " runs one statement, and this text has more"
                    + " after its first ';'");
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
                if (userSchema) st.execute("SET LOCAL search_path TO " + PostgresSchema.QUERY_SCHEMA + ", \"$user\", public");
                if (!st.execute(sql)) {
                    throw new BadInputException("db query on " + location()
                            + ": the statement returned no rows (only queries that read are allowed)");
                }
                try (ResultSet rs = st.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int n = meta.getColumnCount();
                    List<String> names = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) names.add(meta.getColumnLabel(i));
                    handler.columns(names);
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) row.add(value(rs, i));
                        handler.row(row);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            if (Failures.isConnectionLoss(e)) throw failure("run the query", e);
            throw new BadInputException("db query on " + location() + " failed: " + Failures.reason(e), e);
        }
    }

    private static Object value(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) return null;
        return switch (rs.getMetaData().getColumnType(column)) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> rs.getLong(column);
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> rs.getDouble(column);
            case Types.BINARY, Types.VARBINARY -> rs.getBytes(column);
            default -> v instanceof Number || v instanceof byte[] ? v : v.toString();
        };
    }

    /** The pool, for copying a trail in ({@link TrailCopy}). */
    HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) pool.close();
    }

    /** Runs {@code work} (a read, or a connection that changes nothing), again while the server cannot be reached. */
    <T> T retrying(String what, Work<T> work) {
        ensureOpen();
        RetryPolicy<T> policy = retryPolicy(Failures::isRetryable);
        try {
            return Failsafe.with(policy).get(work::run);
        } catch (FailsafeException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    /** Retries what {@code retryable} accepts for {@link PostgresOptions#patience()}; not at all below a second. */
    private <T> RetryPolicy<T> retryPolicy(java.util.function.Predicate<Throwable> retryable) {
        if (options.patience().compareTo(Duration.ofSeconds(1)) < 0) {
            return RetryPolicy.<T>builder().handleIf(retryable::test).withMaxRetries(0).build();
        }
        return RetryPolicy.<T>builder()
                .handleIf(retryable::test)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
                .withJitter(0.25)
                .withMaxRetries(-1)
                .withMaxDuration(options.patience())
                .build();
    }

    /** Work on the database that may throw the driver's exceptions. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** A driver failure as one line naming the store; gryt's own exceptions (bad input...) as they are. */
    private RuntimeException failure(String what, Throwable e) {
        if (e instanceof StoreException store) return store;
        if (Failures.sqlException(e) == null && !Failures.isConnectionLoss(e)) {
            if (e instanceof RuntimeException r) return r;
            if (e instanceof Error error) throw error;
        }
        return Failures.describe(at, what, e);
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the store " + location() + " is closed");
    }
}
