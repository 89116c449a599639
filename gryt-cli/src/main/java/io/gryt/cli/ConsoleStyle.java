package io.gryt.cli;

/**
 * How to decorate console output: colours only on a terminal and never when {@code NO_COLOR} is set;
 * plain text (no control codes) everywhere else, e.g. in CI logs and pipes.
 *
 * @param color whether ANSI colours may be used
 */
record ConsoleStyle(boolean color) {
    static final ConsoleStyle PLAIN = new ConsoleStyle(false);

    static ConsoleStyle detect(boolean toRealStdout) {
        boolean terminal = toRealStdout && System.console() != null;
        String noColor = System.getenv("NO_COLOR");
        return new ConsoleStyle(terminal && (noColor == null || noColor.isEmpty()));
    }

    String green(String s) {
        return paint("32", s);
    }

    String red(String s) {
        return paint("31", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
