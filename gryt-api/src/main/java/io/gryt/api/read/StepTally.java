package io.gryt.api.read;

import java.util.Map;
import java.util.TreeMap;

/**
 * Step results of a generation's evolution runs, by status.
 *
 * @param byStatus steps per status label, sorted by label
 * @param runs     how many distinct runs recorded them
 */
public record StepTally(Map<String, Long> byStatus, long runs) {
    public StepTally {
        byStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus));
    }

    /** How many step results there are in all. */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
