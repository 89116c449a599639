package io.gryt.core.internal.release;

import io.gryt.api.BadInputException;
import io.gryt.api.spi.Versioning;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * gryt's tags, which it never moves, reuses or adopts: a tag counts as created only when it is the very tag gryt
 * would write (annotated, on the intended commit, with the intended message), so that a crashed process can
 * finish its work; any other tag of that name is refused, naming it.
 */
public final class Tags {
    private Tags() {
    }

    public static void ensure(Versioning vcs, String name, String commit, String message) {
        Optional<Versioning.Tag> existing = vcs.tag(name);
        if (existing.isPresent()) {
            if (isSame(existing.get(), commit, message)) return;
            throw taken(existing.get(), "the tag gryt writes for it");
        }
        try {
            vcs.createAnnotatedTag(name, commit, message);
        } catch (RuntimeException e) {
            // another process may have created it in between; accept it only if it is the same
            Optional<Versioning.Tag> now = vcs.tag(name);
            if (now.isPresent()) {
                if (isSame(now.get(), commit, message)) return;
                throw taken(now.get(), "the tag gryt writes for it");
            }
            throw e;
        }
    }

    /** Refuses when git tag {@code name} exists; {@code notWhat} says what the tag is not ("not ..."). */
    public static void requireFree(Versioning vcs, String name, String notWhat) {
        Optional<Versioning.Tag> existing = vcs.tag(name);
        if (existing.isPresent()) throw taken(existing.get(), notWhat);
    }

    /**
     * Refuses when git holds an RC tag of {@code version} that no recorded evolution made and that a coming
     * evolution would be given: gryt numbers RCs from its database, so such a tag would be taken over or collide.
     */
    public static void requireFreeRcs(Versioning vcs, String version, int lastRc, String database) {
        String prefix = version + "-rc.";
        // names only: a generation tagged 100,000 times would otherwise have every tag object read here
        for (String name : vcs.tagNames(prefix)) {
            String suffix = name.substring(prefix.length());
            if (!RC_NUMBER.matcher(suffix).matches() || Integer.parseInt(suffix) <= lastRc) continue;
            Optional<Versioning.Tag> tag = vcs.tag(name);
            if (tag.isEmpty()) continue; // deleted meanwhile
            throw taken(tag.get(), "an evolution recorded in " + database
                    + " (a clone or git worktree keeps its own database, and its RC numbers)");
        }
    }

    /** An RC number as gryt writes it in a tag: no leading zero, at most nine digits. */
    private static final Pattern RC_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private static boolean isSame(Versioning.Tag tag, String commit, String message) {
        return tag.annotated() && tag.commit().equals(commit) && stripFinalNewlines(message).equals(tag.message());
    }

    private static BadInputException taken(Versioning.Tag tag, String notWhat) {
        return new BadInputException("git tag " + tag.name() + " already exists (" + (tag.annotated() ? "annotated" : "lightweight")
                + ", on commit " + abbrev(tag.commit()) + ") and is not " + notWhat
                + ": gryt never moves or reuses a tag; delete or rename it (git tag -d " + tag.name() + ") and try again");
    }

    private static String stripFinalNewlines(String message) {
        int end = message.length();
        while (end > 0 && message.charAt(end - 1) == '\n') end--;
        return message.substring(0, end);
    }

    public static String abbrev(String commit) {
        return commit == null ? "-" : commit.substring(0, Math.min(12, commit.length()));
    }
}
