package io.gryt.api;

import java.util.List;

/**
 * Steps that may run at the same time, made with {@link Pipeline#parallel(Step...)}. In a sequential
 * pipeline the group starts after the previous element and the next element waits for all of it.
 *
 * @param steps the members, in declaration order
 */
public record ParallelGroup(List<Step> steps) implements PipelineElement {
    public ParallelGroup {
        steps = Args.list("steps", steps);
        if (steps.isEmpty()) throw new InvalidPipelineException("parallel() needs at least one step");
    }
}
