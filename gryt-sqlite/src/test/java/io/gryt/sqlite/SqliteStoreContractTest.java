package io.gryt.sqlite;

import io.gryt.api.spi.Store;
import io.gryt.testing.StoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

/** {@link SqliteStore} keeps the store contract, with its audit trail and read-only opening. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    private int opened;

    @Override
    protected Store newStore() {
        return SqliteStore.open(dir.resolve("gryt-" + (++opened) + ".db"));
    }

    @Override
    protected boolean keepsAuditTrail() {
        return true;
    }

    @Override
    protected Optional<Store> reopenReadOnly(Store store) {
        store.close();
        return Optional.of(SqliteStore.openReadOnly(dir.resolve("gryt-" + opened + ".db")));
    }
}
