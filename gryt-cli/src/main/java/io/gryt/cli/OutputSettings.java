package io.gryt.cli;

/**
 * What a command wants of its run output.
 *
 * @param verbosity how much to show
 * @param summary   whether to end with the run's summary line (a command may print its own instead)
 * @param scope     which steps run, when not all ({@code only lint, test}), shown in the header; or {@code null}
 */
record OutputSettings(Verbosity verbosity, boolean summary, String scope) {
    /** The settings of {@code gryt run}. */
    static OutputSettings forRun(Verbosity verbosity, String scope) {
        return new OutputSettings(verbosity, true, scope);
    }

    /** The settings of {@code gryt evolution start}, which prints the evolution's outcome instead of a summary. */
    static OutputSettings forEvolution(Verbosity verbosity) {
        return new OutputSettings(verbosity, false, null);
    }

    boolean quiet() {
        return verbosity == Verbosity.QUIET;
    }

    boolean verbose() {
        return verbosity == Verbosity.VERBOSE;
    }
}
