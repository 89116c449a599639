package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.CommandLine.Option;

/** The output options of the commands that run a pipeline ({@code run}, {@code evolution start}); a picocli mixin. */
final class OutputOptions {
    @Option(names = {"-q", "--quiet"}, description = "Print only the final summary, and the end of the log of each failed step.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Stream every line each step prints, prefixed with the step's name.")
    boolean verbose;

    /** The verbosity asked for; {@code --quiet} with {@code --verbose} is bad input. */
    Verbosity verbosity() {
        if (quiet && verbose) throw new BadInputException("--quiet and --verbose cannot be used together");
        return quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /** The verbosity for a command that also has {@code --json}, which prints nothing but the JSON. */
    Verbosity verbosity(boolean json) {
        Verbosity v = verbosity();
        if (json && v == Verbosity.VERBOSE) {
            throw new BadInputException("--json and --verbose cannot be used together (--json prints only the result)");
        }
        return v;
    }
}
