package io.gryt.core.internal.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the last sync of each generation file recorded: the SHA-256 of the file's text (with where it is and this
 * format) and the contract hash the store got from it, one small file per generation in
 * {@code .gryt/gryt.db.synced/} (git-ignored with the database). A draft whose file has the same text and whose
 * stored contract hash is that one needs neither parsing nor syncing: the sync would change nothing. Best effort:
 * a missing, unreadable or unwritable record only means the file is parsed and synced as before.
 */
public final class SyncedFiles {
    /** Part of every key: a gryt that reads generation files differently must change it. */
    static final String FORMAT = "gryt-synced-generation 1";
    static final String DIR = "gryt.db.synced";
    private final Path dir;

    /** The records kept in {@code grytDir}/{@value #DIR}. */
    public SyncedFiles(Path grytDir) {
        this.dir = grytDir.resolve(DIR);
    }

    /** The key of file text {@code text} read from {@code display} for generation {@code version}. */
    public static String key(String version, String display, String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((FORMAT + "\n" + version + "\n" + display + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The contract hash recorded for {@code key} of generation {@code version}, if that is the key recorded. */
    public Optional<String> contractHash(String version, String key) {
        try {
            String line = Files.readString(dir.resolve(version)).strip();
            int space = line.indexOf(' ');
            if (space < 0 || !line.substring(0, space).equals(key)) return Optional.empty();
            String hash = line.substring(space + 1);
            return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records that the file text of {@code key} gave contract {@code contractHash} (written whole, or not at all). */
    public void remember(String version, String key, String contractHash) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + version + ".", ".tmp");
            try {
                Files.writeString(tmp, key + " " + contractHash + "\n");
                Files.move(tmp, dir.resolve(version), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only project: the next load parses and syncs the file, as without a record
        }
    }

    /** Forgets generation {@code version}'s record (its file or its records were deleted). */
    public void forget(String version) {
        try {
            Files.deleteIfExists(dir.resolve(version));
        } catch (IOException | RuntimeException e) {
            // nothing to do: a stale record never matches a stored contract hash by itself
        }
    }
}
