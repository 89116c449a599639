package io.gryt.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A computed metric.
 *
 * @param name        the metric's name
 * @param generation  the generation it was computed for, or {@code null} for the whole project
 * @param value       its value, or {@code null} when there is no data
 * @param unit        the unit ({@code ratio}, {@code count}, {@code seconds})
 * @param sample      how many records it was computed from
 * @param details     per-item breakdown (e.g. each flaky step and how often), may be empty
 */
public record MetricValue(String name, String generation, Double value, String unit, long sample, List<Detail> details) {
    public MetricValue {
        Objects.requireNonNull(name, "name");
        details = List.copyOf(details);
    }

    /**
     * One line of a breakdown.
     *
     * @param label what it is about (a step name)
     * @param count how many times
     */
    public record Detail(String label, long count) {
    }
}
