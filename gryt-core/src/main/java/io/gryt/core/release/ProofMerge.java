package io.gryt.core.release;

import io.gryt.api.Pipeline;
import io.gryt.api.Step;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlannedStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pipeline of an evolution whose changes need different pipelines: every step of each, once (the first pipeline
 * that has a step of a name gives it), each with the dependencies it has in its own pipeline, as one graph named
 * after them all ({@code ci+e2e}). It runs over as many runners as the largest of them, with their environments
 * (the first one's value wins), secrets, definitions and hooks together, and fails fast if any of them does.
 */
final class ProofMerge {
    private ProofMerge() {
    }

    static Pipeline merge(List<Pipeline> pipelines, Function<Pipeline, ExecutionPlan> plan) {
        String name = pipelines.stream().map(Pipeline::name).collect(Collectors.joining("+"));
        Pipeline.Builder merged = Pipeline.named(name);
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int runners = 1;
        boolean failFast = false;
        for (Pipeline p : pipelines) {
            for (PlannedStep planned : plan.apply(p).steps()) {
                if (!names.add(planned.name())) continue;
                steps.add(planned.step().dependsOn(planned.dependsOn().toArray(String[]::new)));
            }
            runners = Math.max(runners, p.runners());
            failFast |= p.failFast();
            p.env().forEach(env::putIfAbsent);
            merged.secrets(p.secrets().toArray(io.gryt.api.Secret[]::new));
            p.catalog().values().forEach(merged::define);
            p.hooks().forEach(merged::hook);
        }
        Pipeline first = pipelines.get(0);
        first.workDir().ifPresent(merged::workDir);
        return merged.steps(steps).env(env).runners(runners).failFast(failFast).onFailure(first.onFailure()).build();
    }
}
