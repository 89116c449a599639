package io.gryt.api.release;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How one test that proves a change ended: the evidence gryt-junit's {@code @Proves("PAY-001")} records in the step
 * that ran the test. A change is only proven when every test recorded for it in its proving evolution passed (the
 * {@code proving-tests-passed} promotion gate).
 *
 * @param change  the id of the change the test proves
 * @param test    the test, as {@code class.method()} (a repeated or parameterized invocation adds {@code [n]})
 * @param outcome how it ended
 * @param time    how long it ran ({@link Duration#ZERO} when it did not run)
 * @param message why it failed, was skipped or did not run (first line), or {@code null}
 */
public record TestProof(String change, String test, Outcome outcome, Duration time, String message) {
    /** How a proving test ended. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED, NOT_RUN;

        /** The lower-case name used in storage and output ({@code "not run"} for {@link #NOT_RUN}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** Parses a {@link #label()}. */
        public static Outcome fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace(' ', '_'));
        }
    }

    public TestProof {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        if (change.isBlank()) throw new IllegalArgumentException("a test proof needs a change id");
        if (change.contains(": ")) throw new IllegalArgumentException("invalid change id '" + change + "'");
    }
}
