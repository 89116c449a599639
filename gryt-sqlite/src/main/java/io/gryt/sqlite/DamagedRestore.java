package io.gryt.sqlite;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.Snapshot;
import io.gryt.api.spi.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts a snapshot in place of a damaged database file, which no rollback can read: the snapshot is checked
 * first (recorded SHA-256, SQLite's integrity check, a gryt schema this gryt knows), the damaged file and its
 * {@code -wal}/{@code -shm} companions are renamed to {@code <file>.damaged-<UTC time>} (never deleted), the
 * snapshot is copied in, and the restored trail gets an {@code audit.restore} entry naming the snapshot and the
 * damaged file with its SHA-256. What the damaged file held after the snapshot is not in the restored trail:
 * release tags anchored there make {@code gryt audit verify} say so.
 */
final class DamagedRestore {
    /** The event of the entry that records a restore over a damaged database. */
    static final String RESTORE = "audit.restore";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private DamagedRestore() {
    }

    /** Restores snapshot {@code name} over {@code file} (named {@code location}); returns where the damaged file went. */
    static String restore(Path file, String location, String name, Supplier<String> actor) {
        String shownDir = Snapshots.shownDirOf(location);
        Snapshot target = Snapshots.require(Snapshots.dirOf(file), shownDir, name);
        int version = Snapshots.checkFile(target, shownDir);
        int known = Migration.bundled().size();
        if (version > known) {
            throw new BadInputException("snapshot " + name + " was taken by a newer gryt (schema " + version
                    + "; this gryt knows up to " + known + "); nothing was changed");
        }
        Path kept = unusedKeptName(file);
        Map<String, Object> damaged = new LinkedHashMap<>();
        damaged.put("file", kept.getFileName().toString());
        if (Files.isRegularFile(file)) {
            damaged.put("sha256", Snapshots.sha256(file));
            damaged.put("size", size(file));
        }
        List<Path[]> moved = new ArrayList<>();
        try {
            moveAside(file, kept, moved);
            for (String suffix : COMPANIONS) {
                moveAside(file.resolveSibling(file.getFileName() + suffix), kept.resolveSibling(kept.getFileName() + suffix), moved);
            }
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + "-", ".partial");
            try {
                Files.copy(target.file(), partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | RuntimeException e) {
            putBack(moved, e);
            throw new StoreException(location + ": cannot restore snapshot " + name + ": " + e.getMessage()
                    + " (the database was left as it was)", e);
        }
        try (SqliteStore store = SqliteStore.open(file, location, actor)) {
            AuditLog audit = new AuditLog(actor);
            store.database().write("record the restore of snapshot " + name, h -> audit.append(h, RESTORE,
                    EntryPayload.on(h)
                            .fact("target", Map.of("name", target.name(), "sha256", target.sha256(), "entries", target.entries()))
                            .fact("damaged", damaged)));
        }
        Path shownParent = Path.of(location).getParent();
        return (shownParent == null ? kept.getFileName() : shownParent.resolve(kept.getFileName())).toString();
    }

    private static Path unusedKeptName(Path file) {
        String base = file.getFileName() + ".damaged-" + STAMP.format(Instant.now());
        Path kept = file.resolveSibling(base);
        for (int i = 2; Files.exists(kept); i++) kept = file.resolveSibling(base + "-" + i);
        return kept;
    }

    private static void moveAside(Path from, Path to, List<Path[]> moved) throws IOException {
        if (!Files.exists(from)) return;
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        moved.add(new Path[] {from, to});
    }

    private static void putBack(List<Path[]> moved, Exception failure) {
        for (Path[] m : moved) {
            try {
                Files.move(m[1], m[0], StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
