package io.gryt.core.audit;

import io.gryt.api.audit.VerifyReport;
import io.gryt.api.audit.VerifyReport.Problem;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.Versioning;
import io.gryt.core.format.TagMessages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the audit trail and its anchors: {@link AuditStore#verify()} (the chain and every recorded row), then
 * every release tag ({@code gryt release ...}) with an {@code audit-head: <seq> <hash>} line: the trail, or a
 * trail that a rollback replaced and kept in its safety snapshot, must hold entry {@code seq} with that hash.
 * A database rewritten consistently, every hash recomputed, passes the first check but not the second: git
 * keeps the anchor outside the database. Last, every evolution the store records as tagged must have its
 * {@code vX.Y.Z-rc.N} tag in the repository, on the commit it ran on (a tag deleted or moved by hand is a problem:
 * the database and git no longer agree on the proof).
 *
 * <pre>{@code
 * AuditVerification v = AuditVerifier.verify(gryt.store(), gryt.versioning());
 * if (!v.intact()) System.out.println(v.report().problems().get(0));
 * }</pre>
 */
public final class AuditVerifier {
    private static final Pattern ANCHOR = Pattern.compile("^" + TagMessages.AUDIT_HEAD + "(.*)$", Pattern.MULTILINE);
    private static final Pattern SEQ_AND_HASH = Pattern.compile("([1-9][0-9]{0,18}) ([0-9a-f]{64})");

    private AuditVerifier() {
    }

    /**
     * Verifies {@code store}'s audit trail and, when there is a repository, the anchors in its release tags and
     * the tags of the evolutions {@code store} records.
     */
    public static AuditVerification verify(Store store, Optional<Versioning> versioning) {
        Objects.requireNonNull(store, "store");
        AuditStore audit = store.audit();
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
        int evolutionTags = 0;
        if (store.recordsReleases() && versioning.isPresent()) {
            evolutionTags = checkEvolutionTags(store.releases(), versioning.get(), problems);
        }
        return new AuditVerification(new VerifyReport(trail.entries(), trail.head(), problems), checked, evolutionTags);
    }

    /** Checks that each evolution recorded as tagged has its tag on its commit; returns how many were checked. */
    private static int checkEvolutionTags(ReleaseStore releases, Versioning vcs, List<Problem> problems) {
        // each evolution's tag is looked up by name (not all tags held in a map: a generation may have 100,000)
        Set<String> untagged = new HashSet<>();
        releases.untaggedEvolutions().forEach(e -> untagged.add(e.tag()));
        int[] checked = {0};
        for (Generation g : releases.generations()) {
            // streamed: a generation may have 100,000 evolutions
            releases.eachEvolution(g.version(), e -> {
                if (!e.status().isFinal() || e.commit() == null || untagged.contains(e.tag())) return;
                checked[0]++;
                Versioning.Tag tag = vcs.tag(e.tag()).orElse(null);
                String recorded = "evolution " + e.tag() + " is recorded as tagged on " + abbreviated(e.commit());
                if (tag == null) {
                    problems.add(new Problem(0, "tag " + e.tag(), recorded + ", but the repository has no tag "
                            + e.tag() + " (deleted by hand?)"));
                } else if (!e.commit().equals(tag.commit())) {
                    problems.add(new Problem(0, "tag " + e.tag(), recorded + ", but the tag points at "
                            + abbreviated(tag.commit()) + " (moved by hand?)"));
                }
            });
        }
        return checked[0];
    }

    private static String abbreviated(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }

    /**
     * The outcome: the report (the trail's problems first, then the anchors', then the evolution tags') and how
     * many anchors and evolution tags were checked.
     *
     * @param report               entries, head and problems
     * @param anchorsChecked       how many release tags anchored the trail
     * @param evolutionTagsChecked how many evolutions' tags were checked against their recorded commits
     */
    public record AuditVerification(VerifyReport report, int anchorsChecked, int evolutionTagsChecked) {
        public AuditVerification {
            Objects.requireNonNull(report, "report");
        }

        /** True when neither the trail nor an anchor has a problem. */
        public boolean intact() {
            return report.intact();
        }
    }
}
