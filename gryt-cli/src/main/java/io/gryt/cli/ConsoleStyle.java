package io.gryt.cli;

import io.gryt.api.StepStatus;

/**
 * How to decorate console output: ANSI colours, or plain text (no control codes) e.g. in CI logs and pipes.
 * {@link Terminal#detect} decides: colours only on a terminal and never when {@code NO_COLOR} is set.
 *
 * @param color whether ANSI colours may be used
 */
record ConsoleStyle(boolean color) {
    static final ConsoleStyle PLAIN = new ConsoleStyle(false);

    String green(String s) {
        return paint("32", s);
    }

    String red(String s) {
        return paint("31", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String cyan(String s) {
        return paint("36", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    /** {@code s} in the colour of {@code status}: green passes, red failures, yellow what never finished. */
    String status(StepStatus status, String s) {
        return switch (status) {
            case PASS -> green(s);
            case RUNNING -> cyan(s);
            case SKIPPED, CANCELLED -> yellow(s);
            case FAIL, TIMEOUT, INTERRUPTED -> red(s);
        };
    }

    private String paint(String code, String s) {
        return color && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
