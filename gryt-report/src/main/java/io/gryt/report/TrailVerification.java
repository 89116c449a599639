package io.gryt.report;

import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.StoreException;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What verifying the audit trail found, as reports show it: intact, broken (with the problems, first first),
 * not checked (the caller chose not to), or unavailable (the store keeps no trail, or verifying failed).
 *
 * @param status   the outcome
 * @param entries  how many entries were checked (0 unless intact or broken)
 * @param head     the last entry's hash, or {@code null}
 * @param problems what is wrong, first problem first
 * @param reason   why it was not checked or is unavailable, else {@code null}
 */
public record TrailVerification(Status status, long entries, String head, List<VerifyReport.Problem> problems,
                                String reason) {
    /** The outcome of a verification. */
    public enum Status {
        /** Every entry and record checked out. */
        INTACT,
        /** Verification found at least one problem. */
        BROKEN,
        /** Verification was skipped on request. */
        NOT_CHECKED,
        /** The store keeps no audit trail, or it could not be read. */
        UNAVAILABLE;

        /** The lower-case name, as written in exports. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrailVerification {
        Objects.requireNonNull(status, "status");
        problems = List.copyOf(problems);
    }

    /** The verification {@code report} describes. */
    public static TrailVerification of(VerifyReport report) {
        return new TrailVerification(report.intact() ? Status.INTACT : Status.BROKEN, report.entries(), report.head(),
                report.problems(), null);
    }

    /** Runs {@code verify}; a store without a trail (or one that cannot be read) gives {@link Status#UNAVAILABLE}. */
    public static TrailVerification run(Supplier<VerifyReport> verify) {
        try {
            return of(verify.get());
        } catch (StoreException e) {
            return new TrailVerification(Status.UNAVAILABLE, 0, null, List.of(), e.getMessage());
        }
    }

    /** Verification skipped on request. */
    public static TrailVerification notChecked() {
        return new TrailVerification(Status.NOT_CHECKED, 0, null, List.of(), "verification was skipped (--no-verify)");
    }

    /** True when the trail was verified and found intact. */
    public boolean intact() {
        return status == Status.INTACT;
    }

    /** The first problem, if verification found any. */
    public Optional<VerifyReport.Problem> firstProblem() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
    }

    /** One line: {@code intact: 57 entries, head 1a2b3c4d5e6f} or {@code broken: 2 problems, first: ...}. */
    public String summary() {
        return switch (status) {
            case INTACT -> "intact: " + entries + (entries == 1 ? " entry" : " entries")
                    + (head == null ? "" : ", head " + abbrev(head));
            case BROKEN -> "broken: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + ", first: " + describe(problems.get(0));
            case NOT_CHECKED -> "not checked: " + reason;
            case UNAVAILABLE -> "unavailable: " + reason;
        };
    }

    /** A problem in one line: {@code seq 5 audit_log: hash does not match}. */
    static String describe(VerifyReport.Problem p) {
        return (p.seq() > 0 ? "seq " + p.seq() + " " : "") + p.where() + ": " + p.message();
    }

    static String abbrev(String hash) {
        return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }
}
