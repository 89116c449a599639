package io.gryt.postgres;

import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreProvider;

import java.nio.file.Path;
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
}
