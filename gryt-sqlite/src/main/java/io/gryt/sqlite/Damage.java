package io.gryt.sqlite;

import io.gryt.api.audit.Snapshot;
import io.gryt.api.spi.DamagedStoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.util.List;

/** Recognises a damaged database file and says how to get out of it (restore a snapshot, when there is one). */
final class Damage {
    private Damage() {
    }

    /** True when {@code e} (or a cause) is SQLite saying the file is damaged or is no database. */
    static boolean isDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_NOTADB || code.name().startsWith("SQLITE_CORRUPT")) return true;
            }
        }
        return false;
    }

    /** SQLite's own words for the damage in {@code e} ("the database disk image is malformed"). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode().message != null) {
                String m = sqlite.getResultCode().message;
                return Character.toLowerCase(m.charAt(0)) + m.substring(1);
            }
        }
        return Database.reason(e);
    }

    /** A failure saying {@code problem} about damaged database {@code file}, with the way out. */
    static DamagedStoreException of(Path file, String location, String problem, Throwable cause) {
        return new DamagedStoreException(problem + way(file, location, true), cause);
    }

    /**
     * A failure saying that {@code file} is no SQLite database at all: perhaps a gryt database overwritten, perhaps
     * another file named by mistake, so the way out is only mentioned when there are snapshots beside it.
     */
    static DamagedStoreException notADatabase(Path file, String location, Throwable cause) {
        return new DamagedStoreException(location + " is not a gryt database (file is not a database)"
                + way(file, location, false), cause);
    }

    /** True when there are snapshots of {@code file}. */
    static boolean hasSnapshots(Path file, String location) {
        return !Snapshots.list(Snapshots.dirOf(file), Snapshots.shownDirOf(location)).isEmpty();
    }

    /** "; restore a snapshot: ..." naming the snapshots beside {@code file}, or saying there is none. */
    private static String way(Path file, String location, boolean sayNone) {
        List<String> names = Snapshots.list(Snapshots.dirOf(file), Snapshots.shownDirOf(location)).stream()
                .map(Snapshot::name).toList();
        if (names.isEmpty()) {
            return sayNone ? "; there is no snapshot to restore in " + Snapshots.shownDirOf(location) : "";
        }
        return "; restore a snapshot with 'gryt audit rollback <name>' (newest last: "
                + String.join(", ", names.subList(Math.max(0, names.size() - 5), names.size())) + ")";
    }
}
