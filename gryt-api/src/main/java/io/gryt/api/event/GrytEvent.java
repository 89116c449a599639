package io.gryt.api.event;

import java.time.Instant;

/**
 * A lifecycle event: one record per kind, each holding the typed facts a subscriber needs (ids, versions, tags,
 * statuses, durations, gate results), with secrets already masked. Published synchronously, after the state it
 * describes is recorded. Match on the sealed type:
 *
 * <pre>{@code
 * Gryt.builder().eventListener(e -> {
 *     switch (e) {
 *         case EvolutionFinished f -> notify(f.tag(), f.status());
 *         default -> { }
 *     }
 * })
 * }</pre>
 *
 * or subscribe to one kind with {@link EventListener#of(Class, java.util.function.Consumer)}. Stable: new kinds
 * may be added in a minor release (so keep a {@code default} branch).
 */
public sealed interface GrytEvent permits RunStarted, RunFinished, StepStarted, StepFinished, StepFailed,
        GenerationCreated, GenerationSynced, HotfixCreated, EvolutionStarted, EvolutionFinished,
        PromotionBlocked, PromotionCompleted, PromotionRecovered {
    /** The event's stable name, e.g. {@code evolution.finished}: what destinations and webhooks key on. */
    String type();

    /** When it happened. */
    Instant at();
}
