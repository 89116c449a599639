package io.gryt.api.spi;

import java.nio.file.Path;

/**
 * Opens a {@link Store} for a location URL; found with {@link java.util.ServiceLoader}. The default location
 * is {@value #DEFAULT_URL}, relative to the project directory.
 */
public interface StoreProvider {
    /** The store a project uses unless configured otherwise. */
    String DEFAULT_URL = "sqlite:.gryt/gryt.db";

    /** True when this provider handles {@code url} (e.g. it starts with {@code sqlite:}). */
    boolean supports(String url);

    /**
     * Opens (creating or upgrading as needed) the store at {@code url}; relative paths resolve against
     * {@code projectDir}. Fails with a {@link StoreException} naming the location when it cannot.
     */
    Store open(Path projectDir, String url);
}
