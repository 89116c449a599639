/**
 * gryt's public API: what users compile against. Pipelines are immutable values built with
 * {@link io.gryt.api.Pipeline} and {@link io.gryt.api.Step}; results come back as
 * {@link io.gryt.api.RunResult}. Adapters implement the interfaces in {@link io.gryt.api.spi}.
 */
package io.gryt.api;
