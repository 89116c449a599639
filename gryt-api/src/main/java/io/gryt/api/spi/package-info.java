/**
 * The service-provider interfaces adapters implement: {@link io.gryt.api.spi.Store} (audit database) and
 * {@link io.gryt.api.spi.Versioning} (git), {@link io.gryt.api.spi.Destination} (where events go, created by a
 * {@link io.gryt.api.spi.DestinationProvider}) and the store's {@link io.gryt.api.spi.OutboxStore}. Implementations are found with {@link java.util.ServiceLoader}
 * through their providers, or passed explicitly to gryt's builder.
 */
package io.gryt.api.spi;
