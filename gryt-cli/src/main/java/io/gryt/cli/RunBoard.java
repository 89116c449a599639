package io.gryt.cli;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every step of a run, in declaration order, updated from the run's events. Not thread-safe:
 * its owner ({@link LiveDisplay}) guards it.
 */
final class RunBoard {
    private final Map<String, StepRow> rows = new LinkedHashMap<>();
    private Instant startedAt;

    /** The run started at {@code now} with these steps, all queued. */
    void start(List<String> steps, Instant now) {
        rows.clear();
        steps.forEach(s -> rows.put(s, StepRow.queued(s)));
        startedAt = now;
    }

    void started(String step, int attempt, Instant now) {
        update(step, r -> r.running(attempt, now));
    }

    void retrying(String step, int failedAttempt, String reason) {
        update(step, r -> r.retrying(failedAttempt, reason));
    }

    void printed(String step, String line) {
        update(step, r -> r.printed(line));
    }

    void finished(StepResult result) {
        rows.put(result.name(), StepRow.done(result));
    }

    /** The run ended: its recorded result is the final word on every step. */
    void finished(RunResult result) {
        result.steps().forEach(this::finished);
    }

    List<StepRow> rows() {
        return new ArrayList<>(rows.values());
    }

    /** When the run started; {@code null} before. */
    Instant startedAt() {
        return startedAt;
    }

    private void update(String step, java.util.function.UnaryOperator<StepRow> change) {
        rows.compute(step, (name, row) -> change.apply(row == null ? StepRow.queued(name) : row));
    }
}
