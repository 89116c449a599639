package io.gryt.api.release;

/**
 * A short reference to an evolution, as gates see it.
 *
 * @param tag    the RC tag
 * @param rc     the RC number
 * @param status its status
 * @param commit the commit it ran on
 * @param runId  its pipeline run, or {@code null}
 */
public record EvolutionRef(String tag, int rc, EvolutionStatus status, String commit, String runId) {
}
