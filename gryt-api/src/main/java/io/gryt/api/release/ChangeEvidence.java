package io.gryt.api.release;

import java.util.Objects;

/**
 * What the record says about one change of a generation: its latest finished evolution (pass or fail) and
 * its latest passing one. Either may be {@code null}.
 *
 * @param change     the change
 * @param latest     the latest evolution that proved it and ended in pass or fail, or {@code null}
 * @param latestPass the latest evolution that proved it and passed, or {@code null}
 */
public record ChangeEvidence(Change change, EvolutionRef latest, EvolutionRef latestPass) {
    public ChangeEvidence {
        Objects.requireNonNull(change, "change");
    }

    /** True when the latest finished evolution of the change passed. */
    public boolean proven() {
        return latest != null && latest.status() == EvolutionStatus.PASS;
    }
}
