package io.gryt.cli;

import java.util.regex.Pattern;

/**
 * Makes text from steps (their output, their errors) safe to print in gryt's own output: no escape sequence or
 * control character may move the cursor, clear the screen or break a line that gryt lays out.
 */
final class ControlCodes {
    /** CSI sequences ({@code ESC [ ... final}), OSC strings ({@code ESC ] ... BEL|ST}) and two-character escapes. */
    private static final Pattern ESCAPE = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(?:\u0007|\u001b\\\\)?|\u001b[@-_]?");
    private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");

    private ControlCodes() {
    }

    /** {@code s} without escape sequences, each control character (tabs included) turned into a space. */
    static String strip(String s) {
        return spaces(ESCAPE.matcher(s).replaceAll(""));
    }

    /** {@code s} keeping only colour sequences ({@code ESC [ ... m}) when {@code colour}, else as {@link #strip}. */
    static String keepColours(String s, boolean colour) {
        if (!colour) return strip(s);
        StringBuilder b = new StringBuilder();
        var m = ESCAPE.matcher(s);
        int last = 0;
        while (m.find()) {
            b.append(spaces(s.substring(last, m.start())));
            if (COLOUR.matcher(m.group()).matches()) b.append(m.group());
            last = m.end();
        }
        b.append(spaces(s.substring(last)));
        return COLOUR.matcher(b).find() ? b.append("\u001b[0m").toString() : b.toString();
    }

    /**
     * {@code s} with every control character written as a visible escape ({@code \u001b}, {@code \t}, ...), for
     * error lines that quote what the user gave: the mistake stays visible, but cannot drive the terminal.
     */
    static String visible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
                b.append(switch (c) {
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static String spaces(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                if (b == null) b = new StringBuilder(s);
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? s : b.toString();
    }
}
