/**
 * What a store gives back to reports, metrics, the command line and dashboards: plain records read through
 * {@link io.gryt.api.spi.RecordReads}. Statuses are the stored labels ({@code pass}, {@code completed}...), times
 * are {@link java.time.Instant}s, ids are the store's row ids (shown in reports as pointers into the record).
 *
 * <p>Stability: experimental; records may gain components.
 */
package io.gryt.api.read;
