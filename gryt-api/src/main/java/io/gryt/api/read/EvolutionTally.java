package io.gryt.api.read;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many evolutions ended in each status, with the first and last RC numbers.
 *
 * @param byStatus evolutions per status label, sorted by label
 * @param firstRc  the lowest RC number, or 0 when there is none
 * @param lastRc   the highest RC number, or 0 when there is none
 */
public record EvolutionTally(Map<String, Long> byStatus, long firstRc, long lastRc) {
    public EvolutionTally {
        byStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus));
    }

    /** How many evolutions there are in all. */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many ended with {@code status}. */
    public long count(String status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
