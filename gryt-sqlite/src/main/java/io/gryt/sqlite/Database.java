package io.gryt.sqlite;

import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.StoreException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An open gryt database file: connection settings, schema check and migration at open, and the ways to use
 * it, {@link #select}, {@link #read}, {@link #readConsistent} and {@link #write}, which turn driver failures
 * into one-line {@link StoreException}s naming the file. Each call gets its own connection, so a
 * {@code Database} is safe to share between threads; one connection stays open for the database's lifetime so
 * that SQLite keeps the WAL index between calls.
 *
 * <p>Single-statement reads ({@link #select}) run on plain JDBC, and Jdbi starts only when something needs it
 * (a write, a migration, a read of several statements): a short command such as {@code gryt evolution list}
 * then never pays for Jdbi's start-up, which costs more than everything else such a command does.
 */
final class Database implements SqlDatabase {
    /** How long a writer waits for another connection's write lock before failing with SQLITE_BUSY. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a write keeps trying to begin while other connections hold the lock and none of them commits,
     * before it fails (while they commit, it waits its turn: {@link LockWait}).
     */
    static final Duration WRITE_PATIENCE = Duration.ofMinutes(2);

    /** One fair lock per database file, shared by every {@code Database} of this process on that file. */
    private static final ConcurrentMap<Path, ReentrantLock> WRITE_TURNS = new ConcurrentHashMap<>();

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final String location;
    private final SQLiteDataSource dataSource;
    private final boolean readOnly;
    /** Connections SQLite itself keeps from writing: for consistent multi-statement reads and users' queries. */
    private final SQLiteDataSource readDataSource;
    private final Lazy<Jdbi> jdbi;
    private final Lazy<Jdbi> readers;
    private final Connection keeper;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Work the next {@link #write} on this thread does in its transaction too (the outbox's events). */
    private final StagedWrites staged = new StagedWrites();
    /**
     * The connection of a run's records ({@link #writeStepRecord}, {@link #writeRunRecord}) and other
     * {@link Sync#NORMAL} writes, kept between them, with {@code synchronous = NORMAL}; guarded by the file's write
     * turn.
     */
    private Connection recordWriter;
    /** True while {@link #recordWriter} serves a write (a write nested in it gets a connection of its own). */
    private boolean recordWriterBusy;

    private Database(Path file, String location, SQLiteDataSource dataSource, Connection keeper, boolean readOnly) {
        this.file = file;
        this.location = location;
        this.dataSource = dataSource;
        this.readOnly = readOnly;
        this.jdbi = new Lazy<>(() -> Jdbi.create(dataSource).installPlugin(new Timestamps()));
        this.readDataSource = readOnly ? dataSource : readOnlyDataSource(file);
        this.readers = new Lazy<>(() -> Jdbi.create(readDataSource).installPlugin(new Timestamps())
                .installPlugin(new SqlObjectPlugin()));
        this.keeper = keeper;
    }

    /**
     * Opens {@code file}, creating it and its directories if missing and migrating its schema to the newest
     * of {@code migrations}. A file that is not a gryt database, or one from a newer gryt, is refused without
     * being written to. An existing file that gryt may not write (or whose directory it may not write) is opened
     * {@linkplain #openReadOnly read-only}.
     */
    static Database open(Path file, String location, List<Migration> migrations) {
        if (Files.exists(file) && !(Files.isWritable(file) && Files.isWritable(file.toAbsolutePath().getParent()))) {
            return openReadOnly(file, location, migrations);
        }
        Migrator migrator = new Migrator(migrations, location);
        SQLiteDataSource dataSource = dataSource(file, location);
        prepareFile(file, location);
        return withKeeper(dataSource, file, location, keeper -> {
            // Checked before the first write, so that a foreign or newer file stays exactly as it is.
            int version = migrator.check(SchemaInspection.of(keeper));
            enableWal(keeper, location);
            Database database = new Database(file, location, dataSource, keeper, false);
            if (version < migrator.latest()) migrator.migrate(database.jdbi.get());
            return database;
        });
    }

    /**
     * Opens existing database {@code file} for reading only, as SQLite's {@code immutable} file: no lock, no
     * {@code -shm} file, nothing written, so that it works where gryt may not write (an auditor's copy, a read-only
     * mount). Refused when a write-ahead log beside it holds commits (immutable reading would not see them) or when
     * its schema would need an upgrade.
     */
    static Database openReadOnly(Path file, String location, List<Migration> migrations) {
        Migrator migrator = new Migrator(migrations, location);
        if (!Files.isRegularFile(file)) throw new StoreException(location + ": no such database file");
        prepareFile(file, location);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        if (sizeOf(wal) > 0) {
            throw new ReadOnlyStoreException(location + " cannot be read without writing: its write-ahead log "
                    + wal.getFileName() + " holds commits not merged yet (open it once where gryt may write it)");
        }
        SQLiteDataSource dataSource = immutableDataSource(file, location);
        return withKeeper(dataSource, file, location, keeper -> {
            int version = migrator.check(SchemaInspection.of(keeper));
            if (version < migrator.latest()) {
                throw new ReadOnlyStoreException(location + " has schema " + version + " from an older gryt and is"
                        + " read-only here: open it once where gryt may write it, to upgrade it to schema " + migrator.latest());
            }
            return new Database(file, location, dataSource, keeper, true);
        });
    }

    /** How a database is opened once its first connection, the one kept open, is made. */
    @FunctionalInterface
    private interface Opening {
        Database open(Connection keeper) throws SQLException;
    }

    /** Opens the connection kept for the database's lifetime, then {@code opening}; closes it if that fails. */
    private static Database withKeeper(SQLiteDataSource dataSource, Path file, String location, Opening opening) {
        Connection keeper = null;
        try {
            keeper = dataSource.getConnection();
            return opening.open(keeper);
        } catch (SQLException | JdbiException e) {
            StoreException failure = openFailure(file, location, e);
            closeQuietly(keeper, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(keeper, e);
            throw e;
        }
    }

    private static StoreException openFailure(Path file, String location, Exception e) {
        if (isNotADatabase(e)) return Damage.notADatabase(file, location, e);
        if (Damage.isDamage(e)) return Damage.of(file, location, location + " is damaged (" + Damage.reason(e) + ")", e);
        return new StoreException(location + ": cannot open the database: " + reason(e, file), e);
    }

    /** True once Jdbi was started for writes (a run's records alone never start it). */
    boolean jdbiStarted() {
        return jdbi.made();
    }

    /** True when this database only reads ({@link #openReadOnly}). */
    @Override
    public boolean readOnly() {
        return readOnly;
    }

    /** A new connection that SQLite itself keeps from writing (for users' queries). */
    Connection readOnlyConnection() throws SQLException {
        return readDataSource.getConnection();
    }

    /** The database file. */
    Path file() {
        return file;
    }

    @Override
    public Optional<Path> databaseFile() {
        return Optional.of(file);
    }

    @Override
    public void query(String sql, io.gryt.api.spi.RowHandler handler, boolean userSchema) {
        ReadOnlyQuery.run(this, sql, handler, userSchema);
    }

    /** The file as named in messages. */
    @Override
    public String location() {
        return location;
    }

    /**
     * Runs one query, {@code sql} with the positional ({@code ?}) {@code parameters}, on a connection of its own
     * outside any transaction, and returns its rows mapped by {@code reader}.
     */
    @Override
    public <T> List<T> select(String what, String sql, RowReader<T> reader, Object... parameters) {
        ensureOpen();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) statement.setObject(i + 1, parameters[i]);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The first row of {@link #select}, if any. */
    @Override
    public <T> Optional<T> selectFirst(String what, String sql, RowReader<T> reader, Object... parameters) {
        return select(what, sql, reader, parameters).stream().findFirst();
    }

    /** Runs {@code callback} on a connection of its own, outside any transaction. */
    @Override
    public <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        ensureOpen();
        try {
            return jdbi.get().withHandle(callback);
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code callback} in one read transaction on a read-only connection: everything it reads is one
     * consistent state of the database (WAL keeps it for the reader), while other connections go on writing.
     */
    @Override
    public <T> T readConsistent(String what, HandleCallback<T, RuntimeException> callback) {
        ensureOpen();
        try {
            return readers.get().inTransaction(callback);
        } catch (JdbiException e) {
            throw failure(what, e);
        }
    }

    /**
     * How a commit reaches the disk. Both survive the gryt process being killed at any point (the commit is in
     * the write-ahead log before {@code write} returns), and the database stays consistent and its audit chain
     * whole either way.
     */
    enum Sync {
        /** The write-ahead log is synced at every commit: the commit also survives a power loss (the default). */
        FULL,
        /**
         * The write-ahead log is synced at the next {@link #FULL} commit or checkpoint: a power loss or OS crash
         * may roll back the latest such commits (together with nothing after them). For a run's step records,
         * which the run's end (a {@code FULL} commit) makes durable; saves an fsync per step.
         */
        NORMAL
    }

    /** Runs {@code callback} in one write transaction (taken with BEGIN IMMEDIATE), committed when it returns. */
    @Override
    public <T> T write(String what, HandleCallback<T, RuntimeException> callback) {
        return inTurn(what, begun -> jdbi.get().withHandle(handle -> transaction(handle, begun, callback)));
    }

    /**
     * Writes a run's step record on plain JDBC, on the connection kept for a run's records, committed
     * {@link Sync#NORMAL}: a run's records never start Jdbi, whose start-up and per-statement machinery cost more
     * than the records themselves.
     */
    @Override
    public <T> T writeStepRecord(String what, RecordWrite<T> work) {
        return writeRecord(what, Sync.NORMAL, work);
    }

    /**
     * Writes a run's start or end like {@link #writeStepRecord}, committed {@link Sync#FULL}, which makes the step
     * records before it durable too (they are in the same write-ahead log).
     */
    @Override
    public <T> T writeRunRecord(String what, RecordWrite<T> work) {
        return writeRecord(what, Sync.FULL, work);
    }

    /** {@link #writeStepRecord} or {@link #writeRunRecord}, committed with {@code sync}. */
    <T> T writeRecord(String what, Sync sync, RecordWrite<T> work) {
        // Outbox rows staged on this thread ride in the transaction and are written with Jdbi (a run with
        // destinations); a record written inside another record's write gets a connection of its own.
        if (staged.pending()) return write(what, work::on);
        return inTurn(what, begun -> recordWriterBusy
                ? jdbi.get().withHandle(handle -> transaction(handle, begun, work::on))
                : onRecordWriter(begun, sync, work));
    }

    /** One try at a write transaction; sets {@code begun} once the transaction has begun. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(AtomicBoolean begun) throws SQLException;
    }

    /**
     * Runs {@code attempt} in this process's turn to write the file, again while it could not begin because other
     * processes held the write lock; driver failures become one-line {@link StoreException}s.
     */
    private <T> T inTurn(String what, Attempt<T> attempt) {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyStoreException(location + " is open read-only (gryt may not write it or its directory):"
                    + " cannot " + what);
        }
        // Writers of this process take turns on a fair lock before asking SQLite for its write lock: SQLite's busy
        // handler makes a waiting connection sleep (1 ms, then longer and longer), so threads of one process that
        // raced for it left the database idle between commits, and more runners made a run slower.
        ReentrantLock turn = WRITE_TURNS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock(true));
        turn.lock();
        try {
            return retryingLockedOut(what, attempt);
        } finally {
            turn.unlock();
        }
    }

    private <T> T retryingLockedOut(String what, Attempt<T> attempt) {
        long asked = System.nanoTime();
        AtomicBoolean begun = new AtomicBoolean();
        try {
            // most writes find the lock free: they set up no wait (the wait reads SQLite's data version)
            return attempt.run(begun);
        } catch (JdbiException | SQLException e) {
            if (begun.get() || !isBusy(e)) throw failed(what, e, begun, asked);
        }
        // SQLite's busy handler waits BUSY_TIMEOUT for the write lock, but it is not fair: under contention (dozens
        // of gryt processes on a loaded machine) one writer can lose the race again and again. A transaction that
        // could not even begin changed nothing, so it is begun again, as long as the others make progress and
        // WRITE_PATIENCE more once they stop (a fixed total wait failed writers queued behind 30 busy processes).
        LockWait wait = new LockWait(WRITE_PATIENCE, this::dataVersion, System::nanoTime);
        RetryPolicy<T> lockedOut = RetryPolicy.<T>builder()
                .handleIf(e -> !begun.get() && isBusy(e) && wait.worthWaiting())
                .withDelay(Duration.ofMillis(5), Duration.ofMillis(100))
                .withJitter(0.5)
                .withMaxRetries(-1)
                .build();
        try {
            return Failsafe.with(lockedOut).get(() -> attempt.run(begun));
        } catch (JdbiException | FailsafeException e) {
            throw failed(what, e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e, begun, asked);
        }
    }

    /** The one-line failure of write {@code what}, asked for at {@code asked} (nano time), that failed with {@code cause}. */
    private StoreException failed(String what, Throwable cause, AtomicBoolean begun, long asked) {
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        if (isBusy(cause) && begun.get()) {
            // not the lock wait running out: SQLite refused after the transaction had begun, which it rolled back
            return new StoreException(location + " was locked by another connection after the write had begun ("
                    + LockWait.shown(waited) + " after it was asked for): cannot " + what + " (nothing of it"
                    + " was written; try again)", cause);
        }
        if (isBusy(cause)) {
            return new StoreException(location + " stayed locked by other writers, with no commit for "
                    + WRITE_PATIENCE.toMinutes() + " min (waited " + LockWait.shown(waited) + " in all): cannot "
                    + what + " (is a gryt process hanging? try again)", cause);
        }
        return failure(what, (Exception) cause);
    }

    private <T> T transaction(Handle handle, AtomicBoolean begun, HandleCallback<T, RuntimeException> callback)
            throws SQLException {
        return WriteTransaction.run(handle.getConnection(), () -> begun.set(true), () -> {
            T result = callback.withHandle(handle);
            staged.runIn(handle);
            return result;
        });
    }

    /**
     * Runs a run's record on the connection kept for them (opened at the first one, with
     * {@code synchronous = NORMAL}; a {@link Sync#FULL} write sets {@code FULL} for its commit): a run writes its
     * steps' records one after the other, and a new connection for each would read the schema again every time.
     * Called holding the file's write turn, which is what keeps
     * two threads off the connection; a write that fails closes it, and the next one opens a new one.
     */
    private <T> T onRecordWriter(AtomicBoolean begun, Sync sync, RecordWrite<T> work) throws SQLException {
        if (recordWriter == null) {
            Connection connection = dataSource.getConnection();
            try {
                pragma(connection, "synchronous = NORMAL");
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection, e);
                throw e;
            }
            recordWriter = connection;
        }
        Connection connection = recordWriter;
        recordWriterBusy = true;
        boolean done = false;
        try {
            if (sync == Sync.FULL) pragma(connection, "synchronous = FULL");
            T result = WriteTransaction.run(connection, () -> begun.set(true), () -> work.write(connection));
            if (sync == Sync.FULL) pragma(connection, "synchronous = NORMAL");
            done = true;
            return result;
        } finally {
            recordWriterBusy = false;
            if (!done) {
                recordWriter = null; // WriteTransaction rolled back; closing discards what may be left
                try {
                    connection.close();
                } catch (SQLException | RuntimeException e) {
                    // the write's own failure is what the caller hears about
                }
            }
        }
    }

    private static void pragma(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA " + setting);
        }
    }

    /**
     * Runs {@code work}, and in the transaction of the first {@link #write} it makes on this thread also
     * {@code extra}. Returns true as the second element when that happened (false: {@code work} wrote nothing,
     * and {@code extra} is for the caller to do).
     */
    @Override
    public <T> StagedWrites.Staged<T> staging(Consumer<Handle> extra, Supplier<T> work) {
        return staged.staging(extra, work);
    }

    /** SQLite's {@code PRAGMA data_version} on the kept connection: it changes when another connection commits. */
    private long dataVersion() {
        synchronized (keeper) {
            try (Statement statement = keeper.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                return 0; // no progress seen: the wait then ends after WRITE_PATIENCE, as before
            }
        }
    }

    private static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode().name().startsWith("SQLITE_BUSY")) return true;
        }
        return false;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ReentrantLock turn = WRITE_TURNS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock(true));
            turn.lock();
            try {
                if (recordWriter != null) recordWriter.close();
            } catch (SQLException | RuntimeException e) {
                // closing the kept connection below is what matters
            } finally {
                recordWriter = null;
                turn.unlock();
            }
            try {
                keeper.close();
            } catch (SQLException e) {
                throw new StoreException(location + ": cannot close the database: " + reason(e, file), e);
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the store " + location + " is closed");
        }
    }

    private StoreException failure(String what, Exception e) {
        if (Damage.isDamage(e)) return Damage.of(file, location, location + " is damaged (" + Damage.reason(e) + "): cannot " + what, e);
        return new StoreException(location + ": cannot " + what + ": " + reason(e, file), e);
    }

    private static SQLiteDataSource dataSource(Path file, String location) {
        if (file.toString().contains("?")) {
            // sqlite-jdbc reads what follows '?' in its URL as connection options.
            throw new StoreException(location + ": a database path cannot contain '?'");
        }
        SQLiteConfig config = new SQLiteConfig();
        // Wait for another connection's write lock instead of failing at once; gryt's transactions are short.
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        // Every transaction starts with BEGIN IMMEDIATE and so takes the write lock before its first read: a
        // deferred transaction that reads, then writes after another connection committed, fails with
        // SQLITE_BUSY without waiting. Reads run outside transactions and never take the lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // FULL rather than NORMAL: in WAL mode NORMAL can lose the last commits on power loss, and this file is
        // the proof of what ran. gryt commits a few times per step, so one fsync per commit costs nothing visible.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** Read-only connections to a file that nobody changes while they are open: SQLite's {@code immutable=1}. */
    private static SQLiteDataSource immutableDataSource(Path file, String location) {
        if (file.toString().contains("?")) {
            throw new StoreException(location + ": a database path cannot contain '?'");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        String path = file.toAbsolutePath().toString().replace("%", "%25").replace("#", "%23");
        dataSource.setUrl("jdbc:sqlite:file:" + path + "?immutable=1");
        return dataSource;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 1; // unreadable: assume it holds something
        }
    }

    /** Connections that cannot write, whose transactions are deferred: they read without taking the write lock. */
    private static SQLiteDataSource readOnlyDataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /**
     * Refuses a directory or a file that does not start with SQLite's header, before SQLite touches it.
     * Creates the parent directories of a missing file.
     */
    private static void prepareFile(Path file, String location) {
        try {
            if (Files.isDirectory(file)) {
                throw new StoreException(location + " is not a gryt database (it is a directory)");
            }
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                return;
            }
            if (Files.size(file) == 0) {
                // SQLite's own empty database, unless snapshots show it held a trail: then it was emptied
                if (Damage.hasSnapshots(file, location)) {
                    throw Damage.of(file, location, location + " is empty (0 bytes) though snapshots of it exist", null);
                }
                return;
            }
            byte[] header;
            try (InputStream in = Files.newInputStream(file)) {
                header = in.readNBytes(SQLITE_HEADER.length);
            }
            if (!Arrays.equals(header, SQLITE_HEADER)) {
                throw Damage.notADatabase(file, location, null);
            }
        } catch (IOException e) {
            throw new StoreException(location + ": cannot open the database: " + e, e);
        }
    }

    private static void enableWal(Connection connection, String location) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            rs.next();
            String mode = rs.getString(1);
            if (!"wal".equalsIgnoreCase(mode)) {
                // Only file systems without shared memory (some network mounts) refuse WAL.
                throw new StoreException(location + ": cannot use WAL mode here (SQLite kept '" + mode
                        + "'); put the database on a local disk");
            }
        }
    }

    /** A value made on first use, once, even when several threads ask at the same time. */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private volatile T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        boolean made() {
            return value != null;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) value = v = make.get();
                }
            }
            return v;
        }
    }

    private static boolean isNotADatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                return true;
            }
        }
        return false;
    }

    /** The driver's one-line reason for a failure (the innermost SQL error's message). */
    /**
     * {@link #reason(Throwable)}, led by "no space left on device" when SQLite failed to write (SQLITE_FULL, or an
     * I/O error such as growing the WAL index) and the file system holding {@code file} has (almost) no space left:
     * SQLite itself names only the call that failed.
     */
    static String reason(Throwable e, Path file) {
        String reason = reason(e);
        if (!reason.contains("SQLITE_FULL") && !reason.contains("SQLITE_IOERR")) return reason;
        try {
            Path dir = file.toAbsolutePath().getParent();
            long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
            if (free < 1 << 20) return "no space left on device (" + free + " bytes free): " + reason;
        } catch (java.io.IOException | RuntimeException ignored) {
            // the space is unknown: SQLite's words alone
        }
        return reason;
    }

    static String reason(Throwable e) {
        Throwable reason = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                reason = t;
            }
        }
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
