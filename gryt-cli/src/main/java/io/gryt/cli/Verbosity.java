package io.gryt.cli;

/** How much of a run the console shows. */
enum Verbosity {
    /** Only the summary line, and the end of the log of each failed step. */
    QUIET,
    /** Each step's progress and result (a live display on a terminal). */
    NORMAL,
    /** As {@link #NORMAL}, and every output line of every step as it arrives. */
    VERBOSE
}
