package io.gryt.sqlite;

import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.StoreProvider;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens {@code sqlite:<path>} locations, such as the default {@value StoreProvider#DEFAULT_URL}. A relative path
 * resolves against the project directory and is named as written in messages; missing directories are
 * created. Registered for {@link java.util.ServiceLoader}.
 */
public final class SqliteStoreProvider implements StoreProvider {
    private static final String SCHEME = "sqlite:";

    /** For {@link java.util.ServiceLoader}. */
    public SqliteStoreProvider() {
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.startsWith(SCHEME);
    }

    /** Opens the store; its audit entries name the OS user as their actor. */
    @Override
    public Store open(Path projectDir, String url) {
        return open(projectDir, url, SqliteStore.OS_USER);
    }

    @Override
    public Store open(Path projectDir, String url, Supplier<String> actor) {
        Objects.requireNonNull(actor, "actor");
        Location at = locate(projectDir, url);
        return SqliteStore.open(at.file(), at.shown(), actor);
    }

    /** Restores snapshot {@code snapshot} over a damaged database file, which is kept aside (see the SPI). */
    @Override
    public String restoreDamaged(Path projectDir, String url, String snapshot, Supplier<String> actor) {
        Objects.requireNonNull(actor, "actor");
        Location at = locate(projectDir, url);
        return DamagedRestore.restore(at.file(), at.shown(), snapshot, actor);
    }

    /** The database file of {@code url} and its name in messages. */
    private Location locate(Path projectDir, String url) {
        Objects.requireNonNull(projectDir, "projectDir");
        if (!supports(url)) {
            throw new StoreException("not a SQLite store location: " + url + " (expected " + SCHEME + "<path>)");
        }
        String spec = url.substring(SCHEME.length());
        if (spec.isBlank()) {
            throw new StoreException("the store location " + url + " names no file (expected " + SCHEME + "<path>)");
        }
        Path path;
        try {
            path = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new StoreException("the store location " + url + " is not a valid path: " + e.getReason(), e);
        }
        return new Location(projectDir.resolve(path).normalize(), path.normalize().toString());
    }

    private record Location(Path file, String shown) {
    }
}
