package io.gryt.api.audit;

import java.util.List;
import java.util.Objects;

/**
 * The result of verifying the audit trail.
 *
 * @param entries  how many entries were checked
 * @param head     the last entry's hash, or {@code null} for an empty trail
 * @param problems what is wrong, first problem first; empty when the trail is intact
 */
public record VerifyReport(long entries, String head, List<Problem> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean intact() {
        return problems.isEmpty();
    }

    /**
     * One thing verification found wrong.
     *
     * @param seq     the first audit entry concerned, or 0 when none is (e.g. a row no entry describes)
     * @param where   what is concerned: {@code audit_log}, a table and key ({@code step_runs r1/test}), a tag
     * @param message what is wrong, in one line
     */
    public record Problem(long seq, String where, String message) {
        public Problem {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(message, "message");
        }
    }
}
