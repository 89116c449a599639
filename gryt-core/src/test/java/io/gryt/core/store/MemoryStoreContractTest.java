package io.gryt.core.store;

import io.gryt.api.spi.Store;
import io.gryt.testing.StoreContract;

/** {@link MemoryStore} keeps the store contract; it keeps no audit trail and cannot be reopened read-only. */
class MemoryStoreContractTest extends StoreContract {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }

    @Override
    protected boolean keepsAuditTrail() {
        return false;
    }
}
