package io.gryt.report;

import io.gryt.api.BadInputException;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.Store;
import io.gryt.core.Gryt;
import io.gryt.core.audit.AuditVerifier;
import io.gryt.core.format.Versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Assesses what the record evidences of NIST SP 800-218 (SSDF) practices and NIST SP 800-161 Rev. 1 controls.
 *
 * <pre>{@code
 * ComplianceReport report = ComplianceAssessment.of(gryt).generation("v2.2.0").assess();
 * report.writeTo(ComplianceFormat.MARKDOWN, System.out);
 * }</pre>
 *
 * <p>It claims nothing without evidence: every evidenced practice points to the rows, tags and files that show
 * it, computed from the store, the repository and the contract files; a practice about releases is evidenced
 * only by generations with a completed promotion; what gryt cannot evidence is listed as a gap, with the reason.
 * The audit trail's verification is part of the report, and practices about the record depend on it.
 *
 * <p>Stability: experimental; which practices are assessed may grow.
 */
public final class ComplianceAssessment {
    private final Gryt gryt;
    private String generation;
    private Supplier<VerifyReport> verifier;

    private ComplianceAssessment(Gryt gryt) {
        this.gryt = Objects.requireNonNull(gryt, "gryt");
    }

    /** An assessment of {@code gryt}'s project: its store, repository and contract files. */
    public static ComplianceAssessment of(Gryt gryt) {
        return new ComplianceAssessment(gryt);
    }

    /** Restricts the assessment to generation {@code version} (every recorded generation by default). */
    public ComplianceAssessment generation(String version) {
        this.generation = version;
        return this;
    }

    /** How to verify the trail (by default the {@link AuditVerifier}: the chain, every row, the tags' anchors). */
    public ComplianceAssessment verifier(Supplier<VerifyReport> value) {
        this.verifier = Objects.requireNonNull(value, "verifier");
        return this;
    }

    /**
     * Reads the evidence and assesses every practice.
     *
     * @throws BadInputException when the generation is not a version or is not recorded
     */
    public ComplianceReport assess() {
        Store store = gryt.store();
        if (generation != null) {
            Versions.require(generation);
            if (!store.recordsReleases() || store.releases().generation(generation).isEmpty()) {
                throw new BadInputException("unknown generation " + generation + " (no contract of it is recorded in "
                        + store.location() + ")");
            }
        }
        TrailVerification trail = TrailVerification.run(verifier != null ? verifier
                : () -> AuditVerifier.verify(store, gryt.versioning()).report());
        List<ReleaseEvidence> scope = new ArrayList<>();
        if (store.recordsReleases()) {
            for (ExportSink.GenerationRow g : new ExportReader(store, generation).generations()) {
                scope.add(ReleaseEvidence.read(store, gryt.layout(), gryt.versioning(), g));
            }
        }
        PracticeCatalog catalog = new PracticeCatalog(scope, trail);
        return new ComplianceReport(generation, catalog.releases(), catalog.unreleased(), trail, catalog.assess());
    }
}
