package io.gryt.postgres;

import io.gryt.api.spi.Store;
import io.gryt.testing.PostgresCluster;
import io.gryt.testing.StoreContract;

import java.util.Map;

/** The PostgreSQL store keeps the store contract, with its audit trail, each test on a database of its own. */
class PostgresStoreContractTest extends StoreContract {
    @Override
    protected Store newStore() {
        String url = PostgresCluster.shared().newDatabase("contract");
        return PostgresStore.open(url, PostgresOptions.forCommand().withPoolSize(4), () -> "tester", Map.of());
    }

    @Override
    protected boolean keepsAuditTrail() {
        return true;
    }
}
