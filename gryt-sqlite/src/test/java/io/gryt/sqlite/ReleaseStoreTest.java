package io.gryt.sqlite;

import io.gryt.api.spi.ReleaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the release-store tests: a fresh SQLite store in a temporary directory for each test. */
abstract class ReleaseStoreTest {
    @TempDir
    Path dir;
    Path file;
    SqliteStore store;
    ReleaseStore releases;

    @BeforeEach
    void openStore() {
        file = dir.resolve("gryt.db");
        store = SqliteStore.open(file);
        releases = store.releases();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
