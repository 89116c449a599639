package io.gryt.core.release;

import io.gryt.api.Artifact;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.Generation;

import java.util.List;

/** The text of gryt's annotated tags: first line a summary, then {@code key: value} lines a script can read. */
final class TagMessages {
    private TagMessages() {
    }

    static String evolution(Evolution e) {
        return "gryt evolution " + e.tag() + " (" + e.status().label() + ")\n\n"
                + "generation: " + e.generation() + "\n"
                + "changes: " + String.join(", ", e.changes()) + "\n"
                + "status: " + e.status().label() + "\n"
                + "run: " + (e.runId() == null ? "-" : e.runId()) + "\n"
                + "commit: " + e.commit() + "\n"
                + "allow-dirty: " + e.allowDirty() + "\n";
    }

    static String release(Generation g, String commit, String contractHash, List<ChangeEvidence> evidence,
                          List<Artifact> artifacts) {
        StringBuilder b = new StringBuilder("gryt release " + g.version()
                + (g.description().isBlank() ? "" : ": " + g.description().strip().lines().findFirst().orElse("")) + "\n\n");
        b.append("generation: ").append(g.version()).append('\n');
        if (g.isHotfix()) b.append("hotfix-of: ").append(g.hotfixOf()).append('\n');
        b.append("commit: ").append(commit).append('\n');
        b.append("contract-sha256: ").append(contractHash).append('\n');
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
