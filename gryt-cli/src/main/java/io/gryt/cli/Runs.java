package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunResult;
import io.gryt.core.Gryt;
import io.gryt.core.run.RunOptions;
import io.gryt.core.run.StepSelection;

/**
 * Runs a pipeline from the command line with Ctrl-C handling, showing it live, plainly or as JSON; shared by
 * {@code run} and {@code demo}. Exit code 0 when the run passed, 1 otherwise.
 */
final class Runs {
    private Runs() {
    }

    /** Runs every step of {@code pipeline} with the default output. */
    static int runToConsole(Gryt g, Pipeline pipeline, GrytCommand gryt) {
        return run(g, pipeline, gryt, StepSelection.ALL, Verbosity.NORMAL, false);
    }

    /**
     * Runs the {@code selection} of {@code pipeline}'s steps: with {@code json}, prints nothing but the result
     * as JSON at the end; else shows the run as {@code verbosity} asks.
     */
    static int run(Gryt g, Pipeline pipeline, GrytCommand gryt, StepSelection selection, Verbosity verbosity, boolean json) {
        RunOptions options = RunOptions.DEFAULT.withSelection(selection);
        if (!json) {
            for (GithubActions ci : GithubActions.detect(gryt.env, gryt.out).stream().toList()) options = options.withListener(ci);
        }
        if (json) {
            try (InterruptGuard guard = InterruptGuard.arm(gryt.err)) {
                RunResult result = await(g.start(pipeline, options), guard);
                Json.print(gryt.out, Json.run(result)); // also when interrupted: the guard waits for it
                return exitCode(result);
            }
        }
        OutputSettings settings = OutputSettings.forRun(verbosity, selection.isAll() ? null : selection.toString());
        try (RunOutput output = RunOutput.create(gryt.out, gryt.terminal(), g.projectDir(), settings);
             InterruptGuard guard = InterruptGuard.arm(gryt.err, output::detach)) {
            return exitCode(await(g.start(pipeline, options.withListener(output)), guard));
        }
    }

    private static RunResult await(RunHandle handle, InterruptGuard guard) {
        guard.guard(handle::interrupt, handle.result(), "run " + handle.runId());
        return handle.await();
    }

    private static int exitCode(RunResult result) {
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
