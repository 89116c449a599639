package io.gryt.core.internal.plan;

import io.gryt.core.run.StepSelection;
import io.gryt.api.Pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline resolved and validated by {@link PlanBuilder}, ready to run: every step has a body and the
 * dependency graph is known to be acyclic and closed.
 *
 * @param pipeline the pipeline as written (for a plan narrowed by a {@link StepSelection}: a pipeline of just
 *                 the selected steps, with the original's settings)
 * @param steps    the resolved steps, in declaration order
 */
public record ExecutionPlan(Pipeline pipeline, List<PlannedStep> steps) {
    public ExecutionPlan {
        Objects.requireNonNull(pipeline, "pipeline");
        steps = List.copyOf(steps);
    }

    /** The planned step called {@code name}. */
    public Optional<PlannedStep> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
