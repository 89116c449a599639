package io.gryt.api.read;

import java.util.List;
import java.util.Objects;

/**
 * A change of a generation's contract with every evolution that proved it, by RC number.
 *
 * @param changeId    the change id
 * @param type        its type label
 * @param title       its title
 * @param description its description, or {@code null}
 * @param proofs      the evolutions that name it, by RC number
 */
public record ChangeProofs(String changeId, String type, String title, String description, List<Proof> proofs) {
    public ChangeProofs {
        Objects.requireNonNull(changeId, "changeId");
        proofs = List.copyOf(proofs);
    }

    /**
     * An evolution that names the change.
     *
     * @param tag    the evolution's tag
     * @param status its status label
     * @param commit the commit it ran on
     * @param runId  its pipeline run, or {@code null}
     */
    public record Proof(String tag, String status, String commit, String runId) {
    }
}
