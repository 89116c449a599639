package io.gryt.core.internal.exec;

import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.api.RunHandle;
import io.gryt.api.spi.ProcessOwner;
import io.gryt.api.spi.RunStore;

import java.util.Objects;

/**
 * Runs execution plans and records them in a {@link RunStore}.
 *
 * <pre>{@code
 * RunEngine engine = new RunEngine(store.runs());
 * RunHandle run = engine.start(RunRequest.of(PlanBuilder.plan(pipeline, Map::of), projectDir));
 * RunResult result = run.await();
 * }</pre>
 *
 * <p>Each run gets its own worker threads ({@code gryt-<run-id>-N}, daemons) and is independent of other
 * runs; an engine is thread-safe and holds no state besides its store. Step processes run in their own
 * process groups and never outlive their step: timeouts, cancels and store failures kill whole process
 * trees, and a JVM shutdown hook kills whatever is still running when the JVM exits.
 */
public final class RunEngine {
    private final RunStore store;
    private final ProcessOwner owner;

    /** An engine recording runs in {@code store}. */
    public RunEngine(RunStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.owner = Owners.self();
    }

    /**
     * Starts a run and returns at once. The run is recorded ({@link RunStore#runStarted}) before this returns;
     * a store failure here is thrown and nothing runs.
     */
    public RunHandle start(RunRequest request) {
        Objects.requireNonNull(request, "request");
        return Run.start(request, store, owner);
    }
}
