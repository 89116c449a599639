/**
 * Internal: what the release model needs from the engine ({@link io.gryt.core.internal.release.ReleaseContext},
 * implemented by {@code Gryt}), the repair of evolutions and promotions a dead process left behind
 * ({@link io.gryt.core.internal.release.ReleaseRecovery}) and gryt's rules for the tags it makes.
 */
package io.gryt.core.internal.release;
