package io.gryt.core.format;

import io.gryt.api.Artifact;
import io.gryt.api.audit.AuditEntry;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;

import java.util.List;
import java.util.Optional;

/**
 * The text of gryt's annotated tags: first line a summary, then {@code key: value} lines a script can read.
 * Internal; the constants are public for {@link io.gryt.core.audit.AuditVerifier}, which reads release tags.
 */
public final class TagMessages {
    /** The first words of a release tag's message. */
    public static final String RELEASE = "gryt release ";
    /**
     * The line of a release tag that anchors the audit trail: {@code audit-head: <seq> <hash>}, the trail's last
     * entry when the promotion was recorded (see {@code docs/audit.md}).
     */
    public static final String AUDIT_HEAD = "audit-head: ";

    private TagMessages() {
    }

    public static String evolution(Evolution e) {
        return "gryt evolution " + e.tag() + " (" + e.status().label() + ")\n\n"
                + "generation: " + e.generation() + "\n"
                + "changes: " + String.join(", ", e.changes()) + "\n"
                + "status: " + e.status().label() + "\n"
                + "run: " + (e.runId() == null ? "-" : e.runId()) + "\n"
                + "commit: " + e.commit() + "\n"
                + "allow-dirty: " + e.allowDirty() + "\n";
    }

    public static String release(Generation g, String commit, String contractHash, Optional<AuditEntry> auditHead,
                          List<ChangeEvidence> evidence, List<Artifact> artifacts) {
        StringBuilder b = new StringBuilder(RELEASE + g.version()
                + (g.description().isBlank() ? "" : ": " + g.description().strip().lines().findFirst().orElse("")) + "\n\n");
        b.append("generation: ").append(g.version()).append('\n');
        if (g.isHotfix()) b.append("hotfix-of: ").append(g.hotfixOf()).append('\n');
        b.append("commit: ").append(commit).append('\n');
        b.append("contract-sha256: ").append(contractHash).append('\n');
        auditHead.ifPresent(e -> b.append(AUDIT_HEAD).append(e.seq()).append(' ').append(e.hash()).append('\n'));
        b.append("changes:\n");
        for (ChangeEvidence ev : evidence) {
            b.append("  ").append(ev.change().type().label()).append(' ').append(ev.change().id())
                    .append(" proven by ").append(ev.latestPass() == null ? "-" : ev.latestPass().tag())
                    .append(": ").append(ev.change().title()).append('\n');
        }
        b.append("artifacts:").append(artifacts.isEmpty() ? " none recorded\n" : "\n");
        for (Artifact a : artifacts) b.append("  ").append(a.sha256()).append("  ").append(a.path()).append('\n');
        return b.toString();
    }
}
