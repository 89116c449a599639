package io.gryt.postgres;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreProvider;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens {@code postgres://user@host:port/database} locations (also {@code postgresql://} and
 * {@code jdbc:postgresql://}) with {@link PostgresOptions#forCommand()}; registered for
 * {@link java.util.ServiceLoader}, so that {@code gryt config set store.url postgres://...} makes every command
 * record in the shared store.
 */
public final class PostgresStoreProvider implements StoreProvider {
    /** For {@link java.util.ServiceLoader}. */
    public PostgresStoreProvider() {
    }

    @Override
    public boolean supports(String url) {
        return PostgresLocation.supports(url);
    }

    @Override
    public Store open(Path projectDir, String url) {
        return PostgresStore.open(url, PostgresOptions.forCommand());
    }

    @Override
    public Store open(Path projectDir, String url, Supplier<String> actor) {
        return PostgresStore.open(url, PostgresOptions.forCommand(), Objects.requireNonNull(actor, "actor"));
    }

    /** Copies a project's SQLite trail ({@code sqlite:<path>}, relative to {@code projectDir}) with {@link TrailMigration}. */
    @Override
    public Map<String, Long> importTrail(Path projectDir, String url, String fromUrl) {
        if (fromUrl == null || !fromUrl.startsWith("sqlite:")) {
            throw new BadInputException("a PostgreSQL store imports the trail of a SQLite store (sqlite:<path>), not " + fromUrl);
        }
        Path file = projectDir.resolve(fromUrl.substring("sqlite:".length())).normalize();
        return TrailMigration.copy(file, url, PostgresOptions.forCommand()).rows();
    }
}
