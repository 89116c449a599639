package io.gryt.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A cheap sign that the store changed: the modification times and sizes of the database file and its write-ahead
 * log. Comparing two stamps costs two {@code stat} calls, so the dashboard polls this and reads the store only when
 * it differs (an idle dashboard reads nothing).
 */
record StoreStamp(long dbTime, long dbSize, long walTime, long walSize) {
    static StoreStamp of(Path database) {
        long[] db = stat(database);
        long[] wal = stat(database.resolveSibling(database.getFileName() + "-wal"));
        return new StoreStamp(db[0], db[1], wal[0], wal[1]);
    }

    private static long[] stat(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new long[]{a.lastModifiedTime().toMillis() * 1000 + a.lastModifiedTime().toInstant().getNano() / 1000 % 1000, a.size()};
        } catch (IOException e) {
            return new long[]{-1, -1};
        }
    }
}
