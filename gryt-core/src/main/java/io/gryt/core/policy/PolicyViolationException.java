package io.gryt.core.policy;

import io.gryt.api.BadInputException;

import java.util.List;

/**
 * The project's policy refuses what was asked (an evolution, before anything runs): each problem names the rule
 * ({@code policy rule 'fixes-are-tested' (required_steps): ...}). Nothing was recorded; the CLI exits with code 2.
 */
public class PolicyViolationException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** A refusal with one line per broken rule. */
    public PolicyViolationException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
        this.problems = List.copyOf(problems);
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
