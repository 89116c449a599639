/**
 * The release model as plain values: a {@link io.gryt.api.release.Generation} is the contract of a release,
 * an {@link io.gryt.api.release.Evolution} is one tagged pipeline run that proves some of its changes, and a
 * {@link io.gryt.api.release.Promotion} is the gated decision that turns the generation into a release.
 * {@link io.gryt.api.spi.PromotionGate} is the extension point for gates.
 */
package io.gryt.api.release;
