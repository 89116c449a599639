package io.gryt.sqlite;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a writer locked out by other connections goes on waiting: as long as the others make progress (commit),
 * and {@code patience} more once they stop. A writer queued behind dozens of busy gryt processes thus waits its
 * turn however long the queue, while a lock held by a hung process still fails after {@code patience}.
 * Progress is SQLite's {@code PRAGMA data_version}, which changes when another connection commits.
 */
final class LockWait {
    private final Duration patience;
    private final LongSupplier dataVersion;
    private final LongSupplier nanoClock;
    private long lastVersion;
    private long lastProgress;

    LockWait(Duration patience, LongSupplier dataVersion, LongSupplier nanoClock) {
        this.patience = patience;
        this.dataVersion = dataVersion;
        this.nanoClock = nanoClock;
        this.lastVersion = dataVersion.getAsLong();
        this.lastProgress = nanoClock.getAsLong();
    }

    /** {@code duration} for a message, to the second: {@code 1 min 30 s}, {@code 12 s}. */
    static String shown(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    /** True while the writer should try again: another connection committed within the last {@code patience}. */
    synchronized boolean worthWaiting() {
        long now = nanoClock.getAsLong();
        long version = dataVersion.getAsLong();
        if (version != lastVersion) {
            lastVersion = version;
            lastProgress = now;
        }
        return now - lastProgress < patience.toNanos();
    }
}
