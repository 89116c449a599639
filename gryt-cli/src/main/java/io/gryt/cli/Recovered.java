package io.gryt.cli;

import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;

import java.io.PrintStream;

/** Tells the user about runs that opening the project found interrupted (their gryt process had died). */
final class Recovered {
    private Recovered() {
    }

    static void report(Gryt g, PrintStream err) {
        for (PipelineRun run : g.recovered()) {
            err.println("gryt: run " + run.id() + " (" + run.pipelineName() + ", started " + run.startedAt()
                    + ") was left running by a process that died; recorded as interrupted");
        }
    }
}
