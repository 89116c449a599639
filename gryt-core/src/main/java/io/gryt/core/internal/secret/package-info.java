/**
 * Secret masking, the one masker of gryt: {@link io.gryt.core.internal.secret.SecretMask} replaces declared secret
 * values (and their URL, hex and base64 encodings) with {@code ***} in step output, results, hooks' reasons and
 * destinations' messages; {@link io.gryt.core.internal.secret.HeldLines} masks streamed lines, values split over
 * lines included.
 *
 * <p>Internal to gryt-core.
 */
package io.gryt.core.internal.secret;
