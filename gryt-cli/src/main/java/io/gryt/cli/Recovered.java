package io.gryt.cli;

import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;

import java.io.PrintStream;

/** Tells the user what opening the project repaired: interrupted runs and evolutions, missing tags, promotions. */
final class Recovered {
    private Recovered() {
    }

    static void report(Gryt g, PrintStream err) {
        for (PipelineRun run : g.recovered()) {
            err.println("gryt: run " + run.id() + " (" + run.pipelineName() + ", started " + run.startedAt()
                    + ") was left running by a process that died; recorded as interrupted");
        }
        for (String repair : g.releaseRepairs()) err.println("gryt: " + repair);
    }
}
