package io.gryt.core.config;

import io.gryt.api.GrytException;
import io.gryt.core.project.FileErrors;
import io.gryt.core.internal.yaml.YamlException;
import io.gryt.core.internal.yaml.YamlSettings;
import io.gryt.core.internal.yaml.YamlSettings.Setting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@code .gryt/config.yaml}. Keys may be nested maps or dotted, both meaning the same:
 *
 * <pre>{@code
 * store:
 *   url: sqlite:.gryt/gryt.db
 * run:
 *   runners: 4
 * execution.mode: local
 * }</pre>
 *
 * A missing file means every key at its default. Unknown keys, bad values and settings that do not go together
 * are refused with a {@link YamlException} naming the file, line, column and key. Stable.
 */
public final class ConfigFile {
    /** What a config file that {@link #set} creates starts with. */
    static final String HEADER = "# gryt project settings: `gryt config list` shows every key, its value and its default.\n";

    private ConfigFile() {
    }

    /**
     * The settings in {@code file}; the defaults when it does not exist.
     *
     * @throws YamlException when the file cannot be read or holds a mistake
     */
    public static ProjectConfig load(Path file) {
        String text = read(file);
        return text == null ? ProjectConfig.defaults() : parse(file.toString(), text);
    }

    /**
     * Sets {@code key} to {@code value} in {@code file} (creating it if needed) and returns the new settings.
     * The value is checked first; the rest of the file, comments included, is kept; the file is replaced
     * atomically, so a reader sees the old settings or the new ones, never a half-written file. Concurrent
     * {@code set}s, from threads or from other processes, take turns on a lock file beside it
     * ({@code config.yaml.lock}), so none of them is lost.
     *
     * @throws InvalidConfigException naming the key when it is unknown, the value is bad, or the settings would
     *                                not go together
     * @throws YamlException          when the file as it is holds a mistake (it is left untouched)
     */
    @SuppressWarnings("try") // the lock is held by the try block, never read
    public static ProjectConfig set(Path file, String key, String value) {
        ConfigKey<?> k = ConfigKey.named(key);
        try (ConfigLock ignored = ConfigLock.acquire(file)) {
            return setLocked(file, key, k, value);
        }
    }

    private static ProjectConfig setLocked(Path file, String key, ConfigKey<?> k, String value) {
        String text = read(file);
        ProjectConfig current = text == null ? ProjectConfig.defaults() : parse(file.toString(), text);
        ProjectConfig updated = current.with(key, value);
        String written = updated.text(k).orElseThrow();
        String edited = YamlSettings.set(file.toString(), text == null ? HEADER : text, key, written);
        if (!parse(file.toString(), edited).equals(updated)) {
            throw new IllegalStateException("editing " + file + " would not give the intended settings");
        }
        write(file, edited);
        return updated;
    }

    /** The settings in {@code text}, a file called {@code fileName}. */
    static ProjectConfig parse(String fileName, String text) {
        Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
        Map<ConfigKey<?>, Setting> where = new LinkedHashMap<>();
        for (Setting s : YamlSettings.read(fileName, text)) {
            ConfigKey<?> key = ConfigKey.find(s.key())
                    .orElseThrow(() -> s.keyError(s.key() + ": " + ConfigKey.unknown(s.key())));
            try {
                values.put(key, key.parse(s.text()));
            } catch (InvalidConfigException e) {
                throw s.error(e.problem());
            }
            where.put(key, s);
        }
        ProjectConfig config = ProjectConfig.unchecked(values);
        try {
            config.check();
        } catch (InvalidConfigException e) {
            Setting s = where.get(ConfigKey.named(e.key()));
            throw s != null ? s.error(e.problem()) : new YamlException(fileName, e.getMessage());
        }
        return config;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (CharacterCodingException e) {
            throw new YamlException(file.toString(), "not UTF-8 text");
        } catch (IOException e) {
            throw new YamlException(file.toString(), "cannot read: " + FileErrors.describe(e));
        }
    }

    /** Gives {@code tmp} the permissions of {@code file}, or the usual {@code rw-r--r--} for a new file. */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(file)
                    ? Files.getPosixFilePermissions(file) : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file has the usual permissions already
        }
    }

    /** Writes to a temporary file beside {@code file}, flushes it to disk, then moves it over {@code file}. */
    private static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
            keepPermissions(file, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new GrytException("cannot write " + file + ": " + FileErrors.describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file holds nothing the real file lacks
                }
            }
        }
    }
}
