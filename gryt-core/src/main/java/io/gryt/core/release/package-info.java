/**
 * The release engine: generations (contracts), evolutions (tagged proofs), promotion through gates, and
 * hot-fixes, over the {@link io.gryt.api.spi.ReleaseStore} and {@link io.gryt.api.spi.Versioning} SPIs.
 * Users reach it through {@link io.gryt.core.Gryt}: {@code gryt.generations()}, {@code gryt.evolve(v)},
 * {@code gryt.promotion(v)}.
 */
package io.gryt.core.release;
