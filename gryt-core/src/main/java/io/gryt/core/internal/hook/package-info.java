/**
 * Lifecycle hooks: running {@link io.gryt.api.spi.Hook}s with timeouts, command hooks from {@code .gryt/hooks.yaml}
 * and pipeline files, and the event as JSON and variables. Internal.
 */
package io.gryt.core.internal.hook;
