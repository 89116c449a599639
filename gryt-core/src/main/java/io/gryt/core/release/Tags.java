package io.gryt.core.release;

import io.gryt.api.GrytException;
import io.gryt.api.spi.Versioning;

import java.util.Optional;

/** Creates tags idempotently: a tag that already exists on the intended commit counts as created. */
final class Tags {
    private Tags() {
    }

    static void ensure(Versioning vcs, String name, String commit, String message) {
        Optional<Versioning.Tag> existing = vcs.tag(name);
        if (existing.isPresent()) {
            if (existing.get().commit().equals(commit)) return;
            throw new GrytException("git tag " + name + " already exists on commit " + abbrev(existing.get().commit())
                    + ", not on " + abbrev(commit) + ": the repository and the database disagree (see gryt audit verify)");
        }
        try {
            vcs.createAnnotatedTag(name, commit, message);
        } catch (RuntimeException e) {
            // another process may have created it in between; accept it only if it is the same
            Optional<Versioning.Tag> now = vcs.tag(name);
            if (now.isPresent() && now.get().commit().equals(commit)) return;
            throw e;
        }
    }

    static String abbrev(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }
}
