package io.gryt.api.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A consistent copy of the audit database, taken with SQLite's online backup.
 *
 * @param name      its name (unique)
 * @param file      where it is stored ({@code .gryt/snapshots/<name>.db})
 * @param sha256    the SHA-256 of the file, recorded when it was taken
 * @param size      its size in bytes
 * @param takenAt   when it was taken
 * @param entries   how many audit entries it holds
 */
public record Snapshot(String name, Path file, String sha256, long size, Instant takenAt, long entries) {
    public Snapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
