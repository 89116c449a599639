package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.spi.StepRun;
import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.store.MemoryStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Runs pipelines in a temporary project with a {@link MemoryStore}, for the engine's tests. */
final class Runs {
    static final Duration LIMIT = Duration.ofSeconds(30);

    final Path projectDir;
    final MemoryStore store = new MemoryStore();
    final RunEngine engine = new RunEngine(store);

    Runs(Path projectDir) {
        this.projectDir = projectDir;
    }

    RunRequest request(Pipeline pipeline) {
        return RunRequest.of(PlanBuilder.plan(pipeline, Map::of), projectDir);
    }

    RunHandle start(Pipeline pipeline, RunListener... listeners) {
        return engine.start(request(pipeline).withListeners(listeners));
    }

    RunResult run(Pipeline pipeline, RunListener... listeners) {
        return await(start(pipeline, listeners));
    }

    static RunResult await(RunHandle handle) {
        try {
            return handle.result().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("run " + handle.runId() + " did not end normally", e);
        }
    }

    /** The pid the store recorded for a step once it started. */
    long pidOf(String runId, String step) {
        waitFor(() -> stepRun(runId, step).map(s -> s.pid() != null).orElse(false), "step '" + step + "' to start");
        return stepRun(runId, step).orElseThrow().pid();
    }

    Optional<StepRun> stepRun(String runId, String step) {
        return store.steps(runId).stream().filter(s -> s.name().equals(step)).findFirst();
    }

    static void waitFor(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
