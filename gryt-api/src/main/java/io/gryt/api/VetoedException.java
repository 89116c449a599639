package io.gryt.api;

import java.util.Objects;

/**
 * A hook vetoed what was about to start (an evolution): nothing was recorded but the veto itself, in the audit
 * trail. The message names the hook and its reason. The CLI exits with code 1 (the work was refused by a check).
 */
public class VetoedException extends GrytException {
    private static final long serialVersionUID = 1L;

    private final String hook;
    private final String reason;

    public VetoedException(String event, String hook, String reason) {
        super(Objects.requireNonNull(event, "event") + " vetoed by hook " + Objects.requireNonNull(hook, "hook")
                + ": " + Objects.requireNonNull(reason, "reason"));
        this.hook = hook;
        this.reason = reason;
    }

    /** The hook that vetoed. */
    public String hook() {
        return hook;
    }

    /** Its reason. */
    public String reason() {
        return reason;
    }
}
