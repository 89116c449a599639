/**
 * {@link io.gryt.core.store.MemoryStore}: a complete in-memory {@link io.gryt.api.spi.Store} (runs, releases and the
 * typed reads; no audit trail), for tests and embedders that need no file. Public API.
 */
package io.gryt.core.store;
