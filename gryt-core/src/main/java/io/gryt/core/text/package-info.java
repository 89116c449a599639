/**
 * Text that users type: durations ({@code 30s}, {@code 10m}, {@code 1h30m}) and "did you mean" suggestions for
 * mistyped names. Public API.
 */
package io.gryt.core.text;
