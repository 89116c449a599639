package io.gryt.cli;

/** The exit codes every gryt command uses. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** The work ran and failed (a step, a gate, a policy). */
    static final int FAILED = 1;
    /** Bad input or usage; nothing ran. */
    static final int BAD_INPUT = 2;
    /** The release happened locally (recorded and tagged) but pushing its tag failed; the message says how to retry. */
    static final int NOT_PUSHED = 4;
    /** An internal error. */
    static final int INTERNAL = 3;
    /** Interrupted by SIGINT/SIGTERM (128 + 2). */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
