package io.gryt.core.audit;

import io.gryt.api.audit.VerifyReport;
import io.gryt.api.audit.VerifyReport.Problem;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.release.TagMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the audit trail and its anchors: {@link AuditStore#verify()} (the chain and every recorded row), then
 * every release tag ({@code gryt release ...}) with an {@code audit-head: <seq> <hash>} line: the trail, or a
 * trail that a rollback replaced and kept in its safety snapshot, must hold entry {@code seq} with that hash.
 * A database rewritten consistently, every hash recomputed, passes the first check but not the second: git
 * keeps the anchor outside the database.
 *
 * <pre>{@code
 * AuditVerification v = AuditVerifier.verify(gryt.store().audit(), gryt.versioning());
 * if (!v.intact()) System.out.println(v.report().problems().get(0));
 * }</pre>
 */
public final class AuditVerifier {
    private static final Pattern ANCHOR = Pattern.compile("^" + TagMessages.AUDIT_HEAD + "(.*)$", Pattern.MULTILINE);
    private static final Pattern SEQ_AND_HASH = Pattern.compile("([1-9][0-9]{0,18}) ([0-9a-f]{64})");

    private AuditVerifier() {
    }

    /** Verifies {@code audit}, and the anchors in {@code versioning}'s tags when there is a repository. */
    public static AuditVerification verify(AuditStore audit, Optional<Versioning> versioning) {
        Objects.requireNonNull(audit, "audit");
        VerifyReport trail = audit.verify();
        List<Problem> problems = new ArrayList<>(trail.problems());
        int checked = 0;
        for (Versioning.Tag tag : versioning.map(v -> v.tags("")).orElse(List.of())) {
            if (tag.message() == null || !tag.message().startsWith(TagMessages.RELEASE)) {
                continue;
            }
            Matcher line = ANCHOR.matcher(tag.message());
            if (!line.find()) {
                continue; // a release tagged before its store kept an audit trail
            }
            checked++;
            String where = "tag " + tag.name();
            Matcher anchor = SEQ_AND_HASH.matcher(line.group(1).strip());
            if (!anchor.matches()) {
                problems.add(new Problem(0, where, "its line '" + line.group().strip()
                        + "' is not 'audit-head: <seq> <sha256>'"));
                continue;
            }
            long seq = Long.parseLong(anchor.group(1));
            String hash = anchor.group(2);
            if (audit.locate(seq, hash).isEmpty()) {
                problems.add(new Problem(seq, where, "it anchors audit entry " + seq + " with hash " + hash + ", but "
                        + audit.entry(seq).map(e -> "the trail's entry " + seq + " has hash " + e.hash())
                        .orElse("the trail has no entry " + seq)
                        + " and no trail a rollback replaced holds it: the trail was rewritten after " + tag.name()
                        + " was tagged"));
            }
        }
        return new AuditVerification(new VerifyReport(trail.entries(), trail.head(), problems), checked);
    }

    /**
     * The outcome: the report (the trail's problems first, then the anchors') and how many anchors were checked.
     *
     * @param report         entries, head and problems
     * @param anchorsChecked how many release tags anchored the trail
     */
    public record AuditVerification(VerifyReport report, int anchorsChecked) {
        public AuditVerification {
            Objects.requireNonNull(report, "report");
        }

        /** True when neither the trail nor an anchor has a problem. */
        public boolean intact() {
            return report.intact();
        }
    }
}
