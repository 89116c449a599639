package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.spi.ReadOnlyStoreException;
import io.gryt.api.spi.StoreException;
import org.jdbi.v3.core.Handle;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots of the database in {@code <directory of the database>/snapshots/}: {@code <name>.db}, a copy taken
 * with SQLite's online backup in one step (one consistent state, while others go on writing), and
 * {@code <name>.json}, its record (SHA-256, size, time, number of audit entries).
 *
 * <p>A rollback checks the target (recorded hash, {@code PRAGMA integrity_check}, a gryt database of this
 * schema) before changing anything, then in <em>one</em> write transaction: takes a safety snapshot of the
 * current state (the write lock is held, so nothing can commit between it and the restore), replaces every
 * table's rows with the target's, and appends an {@code audit.rollback} entry to the restored trail. Either all
 * of it happens or none of it. SQLite's backup API cannot restore inside a transaction, which is why the restore
 * copies the tables with SQL instead.
 */
final class Snapshots {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BACKUP_BUSY_SLEEP_MILLIS = 100;
    private static final int BACKUP_BUSY_RETRIES = 100;

    private final Database db;
    private final AuditLog audit;
    private final Path dir;
    private final String shownDir;

    Snapshots(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
        this.dir = dirOf(db.file());
        this.shownDir = shownDirOf(db.location());
    }

    /** The snapshot directory of database file {@code dbFile}: {@code snapshots/} beside it. */
    static Path dirOf(Path dbFile) {
        return dbFile.toAbsolutePath().getParent().resolve("snapshots");
    }

    /** The snapshot directory as named in messages, for a database named {@code location}. */
    static String shownDirOf(String location) {
        Path shown = Path.of(location).getParent();
        return (shown == null ? Path.of("snapshots") : shown.resolve("snapshots")).toString();
    }

    /** Takes snapshot {@code name}, or one named {@code snapshot-<UTC time>} when it is {@code null}. */
    Snapshot take(String name) {
        if (db.readOnly()) {
            throw new ReadOnlyStoreException(db.location() + " is open read-only: cannot take a snapshot beside it");
        }
        if (name == null) {
            return copy(unusedName("snapshot-"));
        }
        requireValidName(name);
        if (exists(name)) {
            throw new BadInputException("snapshot " + name + " already exists in " + shownDir + " (choose another name)");
        }
        return copy(name);
    }

    /** The snapshots, oldest first; files without a readable record are not snapshots. */
    List<Snapshot> list() {
        return list(dir, shownDir);
    }

    /** The snapshots in {@code dir}, oldest first. */
    static List<Snapshot> list(Path dir, String shownDir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Snapshot> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                record(dir, name).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the snapshots in " + shownDir + ": " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing(Snapshot::takenAt).thenComparing(Snapshot::name));
        return all;
    }

    /** Restores snapshot {@code name}; see the class comment. Returns the safety snapshot. */
    Snapshot rollback(String name) {
        Snapshot target = require(dir, shownDir, name);
        check(target);
        return db.write("roll back to snapshot " + name, h -> {
            AuditLog.Link from = AuditLog.last(h); // the first statement takes the write lock
            Snapshot safety = copy(unusedName("before-rollback-"));
            restore(h, target.file());
            audit.append(h, AuditLog.ROLLBACK, EntryPayload.on(h)
                    .fact("target", Map.of("name", target.name(), "sha256", target.sha256(), "entries", target.entries()))
                    .fact("safety", Map.of("name", safety.name(), "sha256", safety.sha256()))
                    .fact("from", Map.of("seq", from.seq(), "hash", from.hash())));
            return safety;
        });
    }

    /**
     * The file of snapshot {@code name} when it holds exactly the bytes whose SHA-256 is {@code sha256} (as an
     * {@code audit.rollback} entry recorded them), for reading the trail a rollback replaced.
     */
    Optional<Path> verifiedFile(String name, String sha256) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(name + ".db");
        return Files.isRegularFile(file) && sha256(file).equals(sha256) ? Optional.of(file) : Optional.empty();
    }

    /** A read-only connection to a snapshot file. */
    static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    private Snapshot copy(String name) {
        Path file = dir.resolve(name + ".db");
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + name + "-", ".partial");
            try (Connection source = readOnly(db.file())) {
                // One step (-1 pages): the whole copy is read in one read transaction, so it is one consistent
                // state even while other connections write, and it never restarts because of them.
                source.unwrap(SQLiteConnection.class).getDatabase()
                        .backup("main", partial.toString(), null, BACKUP_BUSY_SLEEP_MILLIS, BACKUP_BUSY_RETRIES, -1);
            }
            long entries;
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + partial);
                 Statement st = copy.createStatement()) {
                // a snapshot is a single file that reading never changes (no -wal or -shm beside it)
                st.execute("PRAGMA journal_mode = DELETE");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                    rs.next();
                    entries = rs.getLong(1);
                }
            }
            Instant takenAt = Instant.now();
            String sha256 = sha256(partial);
            long size = Files.size(partial);
            Files.move(partial, file);
            Snapshot snapshot = new Snapshot(name, file, sha256, size, takenAt, entries);
            writeRecord(snapshot);
            return snapshot;
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("snapshot " + name + " already exists in " + shownDir + " (choose another name)");
        } catch (IOException | SQLException e) {
            throw new StoreException(db.location() + ": cannot take snapshot " + name + ": " + Database.reason(e), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Snapshot {@code name} of {@code dir}, or a bad-input error naming it. */
    static Snapshot require(Path dir, String shownDir, String name) {
        requireValidName(name);
        return record(dir, name).orElseThrow(() -> new BadInputException("no snapshot named " + name + " in "
                + shownDir + " (see gryt audit snapshots)"));
    }

    /** Checks a rollback's target without changing anything. */
    private void check(Snapshot target) {
        int liveVersion = db.read("read the schema version", h -> {
            try {
                return SchemaInspection.of(h.getConnection()).version();
            } catch (SQLException e) {
                throw new StoreException(db.location() + ": cannot read the schema version: " + Database.reason(e), e);
            }
        });
        int version = checkFile(target, shownDir);
        if (version != liveVersion) {
            throw new BadInputException("snapshot " + target.name() + " has schema version " + version + " and "
                    + db.location() + " has " + liveVersion + ": a rollback cannot cross a schema change");
        }
    }

    /**
     * Checks snapshot {@code target}'s file without changing anything: present, with its recorded SHA-256,
     * passing SQLite's integrity check, and a gryt database. Returns its schema version.
     */
    static int checkFile(Snapshot target, String shownDir) {
        String name = target.name();
        String shown = Path.of(shownDir).resolve(target.file().getFileName()).toString();
        if (!Files.isRegularFile(target.file())) {
            throw new BadInputException("snapshot " + name + " cannot be restored: its file " + shown + " is missing");
        }
        String actual = sha256(target.file());
        if (!actual.equals(target.sha256())) {
            throw new BadInputException("snapshot " + name + " is corrupted: " + shown + " has SHA-256 "
                    + actual + ", but " + target.sha256() + " was recorded when it was taken; nothing was changed");
        }
        try (Connection c = readOnly(target.file()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                String result = rs.next() ? rs.getString(1) : "no result";
                if (!"ok".equals(result)) {
                    throw new BadInputException("snapshot " + name + " fails SQLite's integrity check (" + result
                            + "); nothing was changed");
                }
            }
            SchemaInspection schema = SchemaInspection.of(c);
            if (!schema.isGryt()) {
                throw new BadInputException("snapshot " + name + " is not a gryt database; nothing was changed");
            }
            return schema.version();
        } catch (SQLException e) {
            throw new BadInputException("snapshot " + name + " cannot be read as a SQLite database ("
                    + Database.reason(e) + "); nothing was changed");
        }
    }

    /**
     * Replaces the rows of every table of the database with those of {@code file}, in {@code h}'s transaction.
     * The append-only triggers are dropped for the copy and created again as the snapshot defines them.
     */
    private static void restore(Handle h, Path file) {
        h.execute("ATTACH DATABASE ? AS snapshot", file.toString()); // detached when the connection closes
        h.execute("PRAGMA defer_foreign_keys = ON");
        for (String trigger : h.createQuery("SELECT name FROM main.sqlite_master WHERE type = 'trigger'")
                .mapTo(String.class).list()) {
            h.execute("DROP TRIGGER main." + quoted(trigger));
        }
        // in creation order, which puts referenced tables first: emptied from the last, filled from the first
        List<String> tables = h.createQuery("""
                        SELECT name FROM snapshot.sqlite_master
                         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid""")
                .mapTo(String.class).list();
        for (int i = tables.size() - 1; i >= 0; i--) {
            h.execute("DELETE FROM main." + quoted(tables.get(i)));
        }
        for (String table : tables) {
            h.execute("INSERT INTO main." + quoted(table) + " SELECT * FROM snapshot." + quoted(table));
        }
        for (String sql : h.createQuery("SELECT sql FROM snapshot.sqlite_master WHERE type = 'trigger'")
                .mapTo(String.class).list()) {
            h.execute(sql);
        }
    }

    private static Optional<Snapshot> record(Path dir, String name) {
        Path json = dir.resolve(name + ".json");
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> r = Json.object(Files.readString(json, StandardCharsets.UTF_8));
            return Optional.of(new Snapshot(name, dir.resolve(name + ".db"), (String) r.get("sha256"),
                    ((Number) r.get("size")).longValue(), Instant.parse((String) r.get("taken_at")),
                    ((Number) r.get("entries")).longValue()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a snapshot record
        }
    }

    private void writeRecord(Snapshot s) throws IOException {
        Map<String, Object> r = new TreeMap<>();
        r.put("name", s.name());
        r.put("file", s.file().getFileName().toString());
        r.put("sha256", s.sha256());
        r.put("size", s.size());
        r.put("taken_at", Timestamps.format(s.takenAt()));
        r.put("entries", s.entries());
        Path partial = Files.createTempFile(dir, "." + s.name() + "-", ".json.partial");
        try {
            Files.writeString(partial, Json.canonical(r) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, dir.resolve(s.name() + ".json"));
        } finally {
            deleteQuietly(partial);
        }
    }

    private String unusedName(String prefix) {
        String base = prefix + STAMP.format(Instant.now());
        String name = base;
        for (int i = 2; exists(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private boolean exists(String name) {
        return Files.exists(dir.resolve(name + ".db")) || Files.exists(dir.resolve(name + ".json"));
    }

    private static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new BadInputException("'" + name + "' is not a valid snapshot name: use letters, digits, '.', '_'"
                    + " and '-' (at most 100, starting with a letter or digit)");
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = AuditLog.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover partial file is hidden and harmless
            }
        }
    }
}
