package io.gryt.core.internal.exec;

import io.gryt.core.internal.plan.PlannedStep;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a run starts the steps that are ready at the same moment: critical path first. Each step is
 * weighed by its expected duration (how long it took in the pipeline's last finished run; a step without one
 * counts as the median of those known, or all count alike when none is), and its rank is its weight plus the
 * highest rank among the steps that depend on it: the work that must still follow it, one step after another.
 * Higher ranks start first, ties in declaration order. With one runner the order changes nothing but which
 * independent step goes first, so a run with one runner keeps the declaration order.
 */
final class StartOrder {
    private StartOrder() {
    }

    /** {@code steps} (in declaration order, dependencies acyclic) sorted by rank, given {@code lastDurations}. */
    static List<PlannedStep> of(List<PlannedStep> steps, Map<String, Duration> lastDurations) {
        Map<String, Double> weights = weights(steps, lastDurations);
        Map<String, List<String>> dependents = new HashMap<>();
        Map<String, Integer> unrankedDependents = new HashMap<>();
        for (PlannedStep step : steps) {
            unrankedDependents.put(step.name(), 0);
            dependents.computeIfAbsent(step.name(), n -> new ArrayList<>());
        }
        for (PlannedStep step : steps) {
            for (String dependency : step.dependsOn()) {
                dependents.get(dependency).add(step.name());
                unrankedDependents.merge(dependency, 1, Integer::sum);
            }
        }
        // ranks from the leaves up: a step's rank is known once every step depending on it has one
        Map<String, PlannedStep> byName = new HashMap<>();
        for (PlannedStep step : steps) byName.put(step.name(), step);
        Map<String, Double> rank = new HashMap<>();
        Deque<String> known = new ArrayDeque<>();
        unrankedDependents.forEach((name, count) -> {
            if (count == 0) known.add(name);
        });
        while (!known.isEmpty()) {
            String name = known.pop();
            double below = 0;
            for (String dependent : dependents.get(name)) below = Math.max(below, rank.get(dependent));
            rank.put(name, weights.get(name) + below);
            for (String dependency : byName.get(name).dependsOn()) {
                if (unrankedDependents.merge(dependency, -1, Integer::sum) == 0) known.add(dependency);
            }
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) position.put(steps.get(i).name(), i);
        List<PlannedStep> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.<PlannedStep>comparingDouble(s -> -rank.get(s.name()))
                .thenComparingInt(s -> position.get(s.name())));
        return ordered;
    }

    /** Each step's expected duration in seconds: its last one, else the median of the known ones, else 1. */
    private static Map<String, Double> weights(List<PlannedStep> steps, Map<String, Duration> lastDurations) {
        List<Double> known = new ArrayList<>();
        for (PlannedStep step : steps) {
            Duration last = lastDurations.get(step.name());
            if (last != null) known.add(seconds(last));
        }
        double otherwise = known.isEmpty() ? 1 : median(known);
        Map<String, Double> weights = new HashMap<>();
        for (PlannedStep step : steps) {
            Duration last = lastDurations.get(step.name());
            weights.put(step.name(), last != null ? seconds(last) : otherwise);
        }
        return weights;
    }

    private static double seconds(Duration d) {
        return Math.max(0, d.toNanos() / 1e9);
    }

    private static double median(Collection<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
