package io.gryt.core.internal.plan;

import io.gryt.api.Step;

import java.util.List;
import java.util.Objects;

/**
 * One step of an {@link ExecutionPlan}.
 *
 * @param step      the step, resolved (never a {@link Step.Kind#REFERENCE})
 * @param dependsOn the steps that must pass before this one starts: its declared dependencies, or the order
 *                  implied by a sequential pipeline
 */
public record PlannedStep(Step step, List<String> dependsOn) {
    public PlannedStep {
        Objects.requireNonNull(step, "step");
        if (step.kind() == Step.Kind.REFERENCE) {
            throw new IllegalArgumentException("step '" + step.name() + "' is an unresolved reference");
        }
        dependsOn = List.copyOf(dependsOn);
    }

    /** The step's name. */
    public String name() {
        return step.name();
    }
}
