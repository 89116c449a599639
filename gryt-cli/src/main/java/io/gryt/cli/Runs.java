package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunResult;
import io.gryt.core.Gryt;

/** Runs a pipeline with live console output and Ctrl-C handling; shared by {@code run} and {@code demo}. */
final class Runs {
    private Runs() {
    }

    static int runToConsole(Gryt g, Pipeline pipeline, GrytCommand gryt) {
        ConsoleReporter reporter = new ConsoleReporter(gryt.out, gryt.style(), g.projectDir());
        RunHandle handle = g.start(pipeline, reporter);
        RunResult result;
        try (InterruptGuard ignored = InterruptGuard.install(handle::interrupt, handle.result(), "run " + handle.runId(), gryt.err)) {
            result = handle.await();
        }
        reporter.summary(result);
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
