package io.gryt.report;

/** What every rendering of a compliance report says the same way. */
final class ComplianceText {
    static final String PREAMBLE = "This report maps what gryt recorded to practices it can honestly support."
            + " Every evidenced practice points to the rows, tags and files that show it; a practice about releases"
            + " counts only generations with a completed promotion; what gryt cannot evidence is listed as a gap."
            + " It is evidence for an assessment, not an attestation.";

    private ComplianceText() {
    }

    static String scope(ComplianceReport r) {
        return r.generation() == null ? "every recorded generation" : "generation " + r.generation();
    }
}
