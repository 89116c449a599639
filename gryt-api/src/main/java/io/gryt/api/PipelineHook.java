package io.gryt.api;

/**
 * What {@link Pipeline#hook} attaches to a pipeline: an {@link io.gryt.api.spi.Hook io.gryt.api.spi.Hook}, the only
 * kind gryt runs (this type keeps the DSL free of the event types; anything else attached is refused when the
 * pipeline is planned). Stable.
 */
public interface PipelineHook {
    /** The hook's name in reports and audit entries. */
    String name();
}
