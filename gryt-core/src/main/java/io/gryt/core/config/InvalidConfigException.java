package io.gryt.core.config;

import io.gryt.api.BadInputException;

/**
 * A setting is refused: an unknown key, a bad value, or settings that do not go together. The message is one
 * line that starts with the key: {@code run.runners: must be between 1 and 256, was 0}.
 */
public class InvalidConfigException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    /** {@code problem} with the setting {@code key}. */
    public InvalidConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The key, as it was given. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }
}
