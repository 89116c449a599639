package io.gryt.cli;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the console shows of a run, from its events: a {@link LiveDisplay} on an interactive terminal, plain
 * lines ({@link ConsoleReporter}) anywhere else or when quiet. It prints the run's ending itself when it gets
 * {@link #runFinished}; {@link #close()} stops whatever it started, also when the run never finished.
 */
interface RunOutput extends RunListener, AutoCloseable {
    /** Shows nothing. */
    RunOutput SILENT = new RunOutput() {
        @Override
        public void note(String line) {
        }

        @Override
        public void close() {
        }
    };

    /** The output that fits {@code terminal}. */
    static RunOutput create(PrintStream out, Terminal terminal, Path projectDir, OutputSettings settings) {
        if (terminal.interactive() && !settings.quiet()) return new LiveDisplay(out, terminal, projectDir, settings, Instant::now);
        return ConsoleReporter.of(out, terminal.style(), projectDir, settings);
    }

    /** Prints a line of the command's own (which evolution started...); nothing when quiet. */
    void note(String line);

    /** Stops updating the screen in place: what follows (an interrupt notice, the ending) prints below. */
    default void detach() {
    }

    @Override
    void close();

    /** The header line: pipeline, scope, steps, runners, run id. */
    static String header(ConsoleStyle style, String runId, Pipeline pipeline, String scope) {
        int steps = pipeline.steps().size();
        return style.bold("gryt run " + pipeline.name()) + style.dim((scope == null ? "" : " · " + scope) + " · " + steps
                + (steps == 1 ? " step" : " steps") + " · " + pipeline.runners() + (pipeline.runners() == 1 ? " runner" : " runners")
                + " · run " + runId);
    }
}
