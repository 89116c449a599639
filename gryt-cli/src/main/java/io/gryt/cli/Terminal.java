package io.gryt.cli;

import java.io.Console;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What standard output is connected to, and so how run output looks: a live display (cursor movement) with
 * colours on an interactive terminal, plain lines without any control code everywhere else (CI logs, pipes,
 * files, {@code TERM=dumb}). {@code NO_COLOR} turns colours off and nothing else. {@code GRYT_FORCE_TTY=1}
 * makes gryt behave as on a terminal whatever its output is (for tests and log viewers that render ANSI).
 *
 * @param interactive whether the output is a terminal that takes cursor movement (the live display is used)
 * @param color       whether ANSI colours may be used
 * @param width       its width in columns: {@code COLUMNS}, else the terminal's, else {@value #DEFAULT_WIDTH}
 * @param height      its height in rows: {@code LINES}, else the terminal's, else {@value #DEFAULT_HEIGHT}
 */
record Terminal(boolean interactive, boolean color, int width, int height) {
    /** Set to {@code 1} to get terminal output on any stream. */
    static final String FORCE_TTY = "GRYT_FORCE_TTY";
    static final int DEFAULT_WIDTH = 100;
    static final int DEFAULT_HEIGHT = 24;
    /** Not a terminal: plain lines, no colours. */
    static final Terminal PLAIN = new Terminal(false, false, DEFAULT_WIDTH, DEFAULT_HEIGHT);

    Terminal {
        if (width < 1 || height < 1) throw new IllegalArgumentException("terminal size " + width + "x" + height);
    }

    /**
     * Detects the terminal: {@code realStdout} says whether output goes to this process's own standard output
     * (only then can it be a terminal); {@code env} is the environment to read the settings from.
     */
    static Terminal detect(boolean realStdout, Map<String, String> env) {
        boolean forced = isSet(env, FORCE_TTY) && !"0".equals(env.get(FORCE_TTY));
        boolean real = realStdout && !"dumb".equals(env.get("TERM")) && stdoutIsTerminal();
        boolean interactive = forced || real;
        int[] size = real && !(isNumber(env, "COLUMNS") && isNumber(env, "LINES")) ? sttySize() : null;
        int width = isNumber(env, "COLUMNS") ? Integer.parseInt(env.get("COLUMNS").trim())
                : size != null ? size[1] : DEFAULT_WIDTH;
        int height = isNumber(env, "LINES") ? Integer.parseInt(env.get("LINES").trim())
                : size != null ? size[0] : DEFAULT_HEIGHT;
        return new Terminal(interactive, interactive && !isSet(env, "NO_COLOR"), width, height);
    }

    /** The style for this terminal's output. */
    ConsoleStyle style() {
        return new ConsoleStyle(color);
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isEmpty();
    }

    private static boolean isNumber(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || !value.trim().matches("[0-9]{1,5}")) return false;
        return Integer.parseInt(value.trim()) > 0;
    }

    /** {@code System.console()} is a terminal on Java 17; from Java 22 it may not be, and says so. */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Rows and columns from {@code stty size} on the controlling terminal, or {@code null}. */
    private static int[] sttySize() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            int rows = Integer.parseInt(parts[0]);
            int columns = Integer.parseInt(parts[1]);
            return rows > 0 && columns > 0 ? new int[] {rows, columns} : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
