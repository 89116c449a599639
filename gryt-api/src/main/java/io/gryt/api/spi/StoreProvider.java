package io.gryt.api.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

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

    /**
     * Like {@link #open(Path, String)}, naming who acts: {@code actor} is asked (lazily, at most once per
     * write) for the actor recorded in audit entries, e.g. the git user or else the OS user.
     */
    default Store open(Path projectDir, String url, Supplier<String> actor) {
        return open(projectDir, url);
    }

    /**
     * Replaces the damaged store at {@code url} (one that fails with a {@link DamagedStoreException}) by its
     * snapshot {@code snapshot}, after checking the snapshot. Nothing is deleted: the damaged data is kept aside,
     * and the restored trail records the restore, naming it. Returns where the damaged data was kept.
     *
     * @throws io.gryt.api.BadInputException when there is no such snapshot or it fails its checks (nothing changed)
     * @throws StoreException                 when this store cannot restore snapshots over damaged data
     */
    default String restoreDamaged(Path projectDir, String url, String snapshot, Supplier<String> actor) {
        throw new StoreException(url + ": this store cannot restore a snapshot over damaged data");
    }

    /**
     * Copies the trail of the store at {@code fromUrl} (a project's SQLite store) into the empty store at {@code url},
     * creating its schema: every row with its id and every audit entry exactly as stored, so that the chain verifies
     * in the copy; all of it or nothing ({@code gryt db migrate --to}). Returns the rows copied per table, in copy
     * order.
     *
     * @throws io.gryt.api.BadInputException when the target already holds records, or the two schemas differ
     * @throws StoreException                 when this store cannot import a trail, or either store fails
     */
    default Map<String, Long> importTrail(Path projectDir, String url, String fromUrl) {
        throw new StoreException(url + ": this store cannot import a trail");
    }
}
