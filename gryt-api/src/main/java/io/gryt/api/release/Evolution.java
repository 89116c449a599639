package io.gryt.api.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One pipeline run that proves one or more changes of a generation, tagged {@code vX.Y.Z-rc.N}.
 *
 * @param tag        the RC tag, e.g. {@code v2.2.0-rc.3}
 * @param generation the generation's version
 * @param rc         the RC number (unique and gap-free per generation)
 * @param changes    the ids of the changes it proves, in the contract's declaration order
 * @param status     its status
 * @param commit     the commit it ran on
 * @param runId      its pipeline run, or {@code null} before the run started
 * @param allowDirty true when it ran on a work tree with uncommitted changes (recorded as such)
 * @param createdAt  when its RC number was allocated
 * @param finishedAt when it ended, or {@code null}
 * @param policyHash the SHA-256 of the policy file that applied to it ({@code .gryt/policy.yaml}), or {@code null}
 *                   when the project had none
 */
public record Evolution(String tag, String generation, int rc, List<String> changes, EvolutionStatus status,
                        String commit, String runId, boolean allowDirty, Instant createdAt, Instant finishedAt,
                        String policyHash) {
    public Evolution {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
    }

    /** An evolution without a recorded policy. */
    public Evolution(String tag, String generation, int rc, List<String> changes, EvolutionStatus status,
                     String commit, String runId, boolean allowDirty, Instant createdAt, Instant finishedAt) {
        this(tag, generation, rc, changes, status, commit, runId, allowDirty, createdAt, finishedAt, null);
    }

    /** The tag name for RC {@code rc} of {@code version}. */
    public static String tagOf(String version, int rc) {
        return version + "-rc." + rc;
    }

    /** True when it passed. */
    public boolean passed() {
        return status == EvolutionStatus.PASS;
    }
}
