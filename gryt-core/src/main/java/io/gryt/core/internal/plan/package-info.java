/**
 * Internal: turns a {@link io.gryt.api.Pipeline} into an {@link io.gryt.core.internal.plan.ExecutionPlan}: step references
 * resolved, effective dependencies computed, unknown dependencies and cycles rejected before anything runs;
 * a {@link io.gryt.core.run.StepSelection} then narrows a plan to the steps a run asks for.
 */
package io.gryt.core.internal.plan;
