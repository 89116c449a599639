package io.gryt.core.run;

import io.gryt.core.internal.plan.PlanBuilder;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.internal.plan.PlannedStep;
import io.gryt.api.BadInputException;
import io.gryt.api.Pipeline;
import io.gryt.api.Secret;
import io.gryt.api.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which steps of a pipeline a run runs: all of them, {@linkplain #only only some}
 * ({@code gryt run ci --only test}), or {@linkplain #from some and everything downstream of them}
 * ({@code gryt run ci --from test}). Applied to a planned pipeline with {@link #applyTo}; a selected step's
 * dependencies outside the selection are taken as satisfied, so they are neither run nor waited for.
 *
 * <pre>{@code
 * ExecutionPlan plan = StepSelection.from("test").applyTo(PlanBuilder.plan(pipeline, Map::of));
 * }</pre>
 *
 * @param mode  how {@code steps} select
 * @param steps the named steps (empty only for {@link Mode#ALL})
 */
public record StepSelection(Mode mode, Set<String> steps) {
    /** How a selection chooses steps. */
    public enum Mode {
        /** Every step. */
        ALL,
        /** Exactly the named steps. */
        ONLY,
        /** The named steps and every step that depends on one of them, directly or transitively. */
        FROM
    }

    /** Every step: the plan unchanged. */
    public static final StepSelection ALL = new StepSelection(Mode.ALL, Set.of());

    public StepSelection {
        Objects.requireNonNull(mode, "mode");
        steps = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(steps, "steps")));
        steps.forEach(s -> Objects.requireNonNull(s, "step"));
        if ((mode == Mode.ALL) != steps.isEmpty()) {
            throw new IllegalArgumentException(mode == Mode.ALL ? "ALL names no steps" : mode + " needs at least one step");
        }
    }

    /** Exactly {@code steps}. */
    public static StepSelection only(String... steps) {
        return only(List.of(steps));
    }

    /** Exactly {@code steps}. */
    public static StepSelection only(Collection<String> steps) {
        return new StepSelection(Mode.ONLY, new LinkedHashSet<>(steps));
    }

    /** {@code steps} and every step downstream of them. */
    public static StepSelection from(String... steps) {
        return new StepSelection(Mode.FROM, new LinkedHashSet<>(List.of(steps)));
    }

    /** True when every step is selected. */
    public boolean isAll() {
        return mode == Mode.ALL;
    }

    /**
     * The plan restricted to this selection, in declaration order, each step depending only on the selected
     * steps it depended on. Its {@link ExecutionPlan#pipeline()} is a graph pipeline of just the selected
     * (resolved) steps with the original's settings; secrets declared by steps left out stay declared, so
     * their values are still masked. Returns {@code plan} itself when everything is selected.
     *
     * @throws BadInputException when a named step is not in the plan (the message lists the pipeline's steps)
     */
    public ExecutionPlan applyTo(ExecutionPlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (isAll()) return plan;
        checkKnown(plan);
        Set<String> selected = mode == Mode.ONLY ? steps : downstream(plan);
        if (selected.size() == plan.steps().size()) return plan;
        List<PlannedStep> kept = new ArrayList<>();
        for (PlannedStep planned : plan.steps()) {
            if (!selected.contains(planned.name())) continue;
            List<String> dependsOn = planned.dependsOn().stream().filter(selected::contains).toList();
            Step rewired = Step.step(planned.name()).dependsOn(dependsOn.toArray(String[]::new)).resolvedWith(planned.step());
            kept.add(new PlannedStep(rewired, dependsOn));
        }
        return new ExecutionPlan(narrowed(plan, kept), kept);
    }

    private void checkKnown(ExecutionPlan plan) {
        List<String> unknown = steps.stream().filter(s -> plan.step(s).isEmpty()).toList();
        if (unknown.isEmpty()) return;
        List<String> names = plan.steps().stream().map(PlannedStep::name).toList();
        throw new BadInputException("pipeline '" + plan.pipeline().name() + "' has no step"
                + (unknown.size() == 1 ? " " : "s ") + quoted(unknown) + " (its steps: " + String.join(", ", names) + ")");
    }

    /** The named steps and, transitively, every step that depends on one of them. */
    private Set<String> downstream(ExecutionPlan plan) {
        Map<String, List<String>> dependents = new HashMap<>();
        for (PlannedStep s : plan.steps()) {
            for (String d : s.dependsOn()) dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s.name());
        }
        Set<String> reached = new LinkedHashSet<>(steps);
        Deque<String> pending = new ArrayDeque<>(steps);
        while (!pending.isEmpty()) {
            for (String next : dependents.getOrDefault(pending.pop(), List.of())) {
                if (reached.add(next)) pending.push(next);
            }
        }
        return reached;
    }

    /** A graph pipeline of {@code kept} with the settings of the plan's pipeline. */
    private static Pipeline narrowed(ExecutionPlan plan, List<PlannedStep> kept) {
        Pipeline original = plan.pipeline();
        Set<Secret> secrets = new LinkedHashSet<>(original.secrets());
        plan.steps().forEach(s -> secrets.addAll(s.step().secrets()));
        Pipeline.Builder b = Pipeline.named(original.name())
                .steps(kept.stream().map(PlannedStep::step).toList())
                .runners(original.runners())
                .env(original.env())
                .secrets(secrets.toArray(Secret[]::new))
                .failFast(original.failFast())
                .onFailure(original.onFailure());
        original.workDir().ifPresent(b::workDir);
        return b.build();
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** {@code all steps}, {@code only lint, test} or {@code from test}, as a person would say it. */
    @Override
    public String toString() {
        return switch (mode) {
            case ALL -> "all steps";
            case ONLY -> "only " + String.join(", ", steps);
            case FROM -> "from " + String.join(", ", steps);
        };
    }
}
