package io.gryt.core.release;

import io.gryt.api.GrytException;

/**
 * A release happened locally (recorded, tag created) but its tag could not be pushed to the remote. Nothing is
 * undone: the local record and tag stay consistent, and {@link #retryCommand()} pushes the tag later. Stable.
 */
public final class TagPushException extends GrytException {
    private final String tag;
    private final String remote;

    TagPushException(String tag, String remote, String reason, Throwable cause) {
        super("tag " + tag + " was created locally but not pushed to " + remote + ": " + reason
                + "; push it with: git push " + remote + " " + tag, cause);
        this.tag = tag;
        this.remote = remote;
    }

    /** The tag that was not pushed. */
    public String tag() {
        return tag;
    }

    /** The remote it was to be pushed to. */
    public String remote() {
        return remote;
    }

    /** The git command that pushes the tag, e.g. {@code git push origin v2.2.0}. */
    public String retryCommand() {
        return "git push " + remote + " " + tag;
    }
}
