package io.gryt.cli;

import io.gryt.api.spi.RecordReads;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreProvider;
import io.gryt.sqlite.SqliteStoreProvider;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

/**
 * A test {@link StoreProvider}, found before the SQLite one and active only while a test {@link #watch()}es: it
 * opens the real SQLite store and hands out Mockito spies of it, its releases and its typed reads, so that a test
 * can count the reads a command makes. Inactive, it supports nothing and every other test uses SQLite as usual.
 */
public final class SpyingStoreProvider implements StoreProvider {
    /** The spies of the store a command opened. */
    record Spies(Store store, ReleaseStore releases, RecordReads reads) {
    }

    private static final AtomicReference<Spies> LAST = new AtomicReference<>();
    private static volatile boolean active;

    /** Spies on the stores opened from now on, until {@link #stop()}. */
    static void watch() {
        LAST.set(null);
        active = true;
    }

    static void stop() {
        active = false;
    }

    /** The spies of the last store opened while watching. */
    static Spies last() {
        return LAST.get();
    }

    @Override
    public boolean supports(String url) {
        return active && url.startsWith("sqlite:");
    }

    @Override
    public Store open(Path projectDir, String url) {
        return spied(new SqliteStoreProvider().open(projectDir, url));
    }

    @Override
    public Store open(Path projectDir, String url, Supplier<String> actor) {
        return spied(new SqliteStoreProvider().open(projectDir, url, actor));
    }

    private static Store spied(Store real) {
        Store store = spy(real);
        ReleaseStore releases = spy(real.releases());
        RecordReads reads = spy(real.reads());
        doReturn(releases).when(store).releases();
        doReturn(reads).when(store).reads();
        LAST.set(new Spies(store, releases, reads));
        return store;
    }
}
