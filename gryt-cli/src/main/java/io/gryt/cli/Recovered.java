package io.gryt.cli;

import io.gryt.api.spi.PipelineRun;
import io.gryt.core.Gryt;

import java.io.PrintStream;

/**
 * Tells the user what opening the project repaired (interrupted runs and evolutions, missing tags, promotions), and
 * what the last rollback left outside the database that is still unresolved.
 */
final class Recovered {
    private Recovered() {
    }

    static void report(Gryt g, PrintStream err) {
        for (PipelineRun run : g.recovered()) {
            err.println("gryt: run " + run.id() + " (" + run.pipelineName() + ", started " + run.startedAt()
                    + ") was left running by a process that died; recorded as interrupted");
        }
        for (String repair : g.releaseRepairs()) err.println("gryt: " + repair);
        g.rollbackLeftovers().ifPresent(p -> p.leftovers().forEach(l -> err.println("gryt: after the rollback to snapshot "
                + p.snapshot() + ", " + l.where() + ": " + l.what() + " (" + AuditSnapshotCommands.action(l) + l.command() + ")")));
    }
}
