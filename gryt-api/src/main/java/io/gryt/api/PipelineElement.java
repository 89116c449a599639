package io.gryt.api;

import java.util.List;

/** One element of a sequential pipeline: a single {@link Step} or a {@link Pipeline#parallel parallel} group. */
public sealed interface PipelineElement permits Step, ParallelGroup {
    /** The steps this element stands for, in declaration order. */
    List<Step> steps();
}
