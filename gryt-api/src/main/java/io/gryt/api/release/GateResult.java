package io.gryt.api.release;

import java.util.List;
import java.util.Objects;

/**
 * What one promotion gate found.
 *
 * @param gate     the gate's name
 * @param passed   true when it lets the promotion through
 * @param summary  one line for a report ("3 of 3 changes proven")
 * @param problems one line per thing blocking the promotion ("PAY-003 Support Apple Pay: never evolved")
 */
public record GateResult(String gate, boolean passed, String summary, List<String> problems) {
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(summary, "summary");
        problems = List.copyOf(problems);
    }

    /** A passing result. */
    public static GateResult pass(String gate, String summary) {
        return new GateResult(gate, true, summary, List.of());
    }

    /** A blocking result. */
    public static GateResult block(String gate, String summary, List<String> problems) {
        return new GateResult(gate, false, summary, problems);
    }
}
