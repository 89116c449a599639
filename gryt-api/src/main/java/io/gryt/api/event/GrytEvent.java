package io.gryt.api.event;

import java.time.Instant;

/**
 * A lifecycle event: one record per kind, each holding the typed facts a subscriber needs (ids, versions, tags,
 * statuses, durations, gate results), with secrets already masked. Published synchronously, after the state it
 * describes is recorded. Match on the sealed type ({@code switch} patterns on Java 21):
 *
 * <pre>{@code
 * Gryt.builder().eventListener(e -> {
 *     if (e instanceof EvolutionFinished f) notify(f.tag(), f.status());
 *     else if (e instanceof PromotionBlocked b) alert(b.generation(), b.failedGates());
 * })
 * }</pre>
 *
 * or subscribe to one kind with {@link EventListener#of(Class, java.util.function.Consumer)}. Stable: new kinds
 * may be added in a minor release (so keep a {@code default} branch).
 */
public sealed interface GrytEvent permits RunStarted, RunFinished, StepStarted, StepFinished, StepFailed,
        GenerationCreated, GenerationSynced, GenerationDeleted, HotfixCreated, EvolutionStarted, EvolutionFinished,
        PromotionBlocked, PromotionCompleted, PromotionRecovered,
        DestinationTested, AlertRaised, EvolutionStarting, PromotionStarting {
    /** The event's stable name, e.g. {@code evolution.finished}: what destinations and webhooks key on. */
    String type();

    /** When it happened. */
    Instant at();
}
