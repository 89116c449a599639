package io.gryt.cli;

import io.gryt.api.StepResult;

import java.time.Instant;
import java.util.Objects;

/**
 * One step as the console shows it while a run goes on.
 *
 * @param name      the step's name
 * @param phase     where the step is
 * @param attempt   the current (or last) attempt, from 1; 0 before the first
 * @param startedAt when its first attempt started; {@code null} while queued
 * @param detail    the latest thing to say: the last output line while running, why the attempt failed while
 *                  retrying; {@code null} when nothing
 * @param result    its result once {@link Phase#DONE}
 */
record StepRow(String name, Phase phase, int attempt, Instant startedAt, String detail, StepResult result) {
    /** Where a step is. */
    enum Phase {
        /** Not started yet. */
        QUEUED,
        /** An attempt is running. */
        RUNNING,
        /** An attempt failed and another will follow. */
        RETRYING,
        /** Ended: see {@link StepRow#result()}. */
        DONE
    }

    StepRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        if ((phase == Phase.DONE) != (result != null)) throw new IllegalArgumentException("a result is for a done step");
    }

    static StepRow queued(String name) {
        return new StepRow(name, Phase.QUEUED, 0, null, null, null);
    }

    static StepRow done(StepResult result) {
        return new StepRow(result.name(), Phase.DONE, result.attempts(), result.startedAt(), null, result);
    }

    /** This step running its attempt {@code n}, which started at {@code now}. */
    StepRow running(int n, Instant now) {
        return new StepRow(name, Phase.RUNNING, n, startedAt == null ? now : startedAt, null, null);
    }

    /** This step after its attempt {@code failed} failed for {@code reason}. */
    StepRow retrying(int failed, String reason) {
        return new StepRow(name, Phase.RETRYING, failed, startedAt, reason, null);
    }

    /** This step having printed {@code line} (kept while it runs). */
    StepRow printed(String line) {
        return phase == Phase.RUNNING ? new StepRow(name, phase, attempt, startedAt, line, null) : this;
    }
}
