/**
 * Lifecycle events: a sealed hierarchy of records ({@link io.gryt.api.event.RunStarted},
 * {@link io.gryt.api.event.EvolutionFinished}, {@link io.gryt.api.event.PromotionCompleted}...) that hooks,
 * destinations and embedders subscribe to through {@link io.gryt.api.event.EventListener}.
 */
package io.gryt.api.event;
