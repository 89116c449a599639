package io.gryt.core;

import io.gryt.api.StepStatus;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.core.internal.exec.Owners;
import io.gryt.core.internal.exec.ProcessTree;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds runs left {@code running} by a gryt process on this host that no longer exists, kills the step
 * processes they left behind and marks them {@code interrupted}. Runs owned by another host are left alone:
 * only that host can tell whether its process is alive.
 */
final class Recovery {
    /** How far a process's start may be from its step's recorded start and still be that step's process. */
    private static final Duration PID_MATCH = Duration.ofSeconds(5);

    private Recovery() {
    }

    static List<PipelineRun> recover(RunStore runs) {
        List<PipelineRun> marked = new ArrayList<>();
        for (PipelineRun run : runs.running()) {
            if (!Owners.isDeadHere(run.owner())) continue;
            for (StepRun step : runs.steps(run.id())) {
                if (step.status() == StepStatus.RUNNING && step.pid() != null && isOrphanOf(step)) {
                    ProcessTree.kill(step.pid());
                }
            }
            // what the steps started, wherever it went (a grandchild in its own session, an orphan)
            ProcessTree.killRun(run.id());
            if (runs.markInterrupted(run.id(), Instant.now())) marked.add(run);
        }
        return List.copyOf(marked);
    }

    /**
     * True when killing the step's process group cannot hit an unrelated process. The step ran as the leader
     * of its own process group: if no process has that pid any more, a group with that id can only hold the
     * step's leftover children; if one does, it must have started when the step did (guards against pid reuse).
     */
    private static boolean isOrphanOf(StepRun step) {
        Optional<ProcessHandle> leader = ProcessHandle.of(step.pid());
        if (leader.isEmpty()) return true;
        Optional<Instant> started = leader.get().info().startInstant();
        return started.isPresent() && step.startedAt() != null
                && Duration.between(step.startedAt(), started.get()).abs().compareTo(PID_MATCH) <= 0;
    }

}
