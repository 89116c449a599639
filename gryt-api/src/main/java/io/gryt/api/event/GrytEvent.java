package io.gryt.api.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle event. {@code type} is one of the constants below; {@code data} holds its facts as text
 * (versions, tags, ids, statuses), with secrets already masked.
 *
 * @param type the event type, e.g. {@value #EVOLUTION_FINISHED}
 * @param at   when it happened
 * @param data its facts
 */
public record GrytEvent(String type, Instant at, Map<String, String> data) {
    /** A generation file was created. */
    public static final String GENERATION_CREATED = "generation.created";
    /** A generation's contract was synchronised into the store. */
    public static final String GENERATION_SYNCED = "generation.synced";
    /** A draft generation with no evidence was deleted (its file and its records). */
    public static final String GENERATION_DELETED = "generation.deleted";
    /** A hot-fix generation was created. */
    public static final String HOTFIX_CREATED = "hotfix.created";
    /** An evolution got its RC number and is starting its pipeline. */
    public static final String EVOLUTION_STARTED = "evolution.started";
    /** An evolution ended (pass, fail or interrupted) and was tagged. */
    public static final String EVOLUTION_FINISHED = "evolution.finished";
    /** A pipeline run started. */
    public static final String RUN_STARTED = "run.started";
    /** A pipeline run ended. */
    public static final String RUN_FINISHED = "run.finished";
    /** A step failed or timed out. */
    public static final String STEP_FAILED = "step.failed";
    /** A promotion was blocked by at least one gate. */
    public static final String PROMOTION_BLOCKED = "promotion.blocked";
    /** A generation was promoted and tagged. */
    public static final String PROMOTION_COMPLETED = "promotion.completed";
    /** An interrupted promotion was completed or rolled back on the next open. */
    public static final String PROMOTION_RECOVERED = "promotion.recovered";

    public GrytEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        data = Map.copyOf(data);
    }
}
