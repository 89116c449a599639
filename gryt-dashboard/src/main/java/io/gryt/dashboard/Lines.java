package io.gryt.dashboard;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a view as it is built: styled lines, and which of them is the selected item, so that the part shown
 * keeps the selection in sight however small the terminal.
 */
final class Lines {
    private final List<AttributedString> lines = new ArrayList<>();
    private int selectedLine = -1;

    /** Starts a line. */
    AttributedStringBuilder line() {
        return new AttributedStringBuilder();
    }

    /** Adds a finished line. */
    Lines add(AttributedStringBuilder b) {
        lines.add(b.toAttributedString());
        return this;
    }

    /** Adds a plain line. */
    Lines add(String text, AttributedStyle style) {
        lines.add(new AttributedString(text, style));
        return this;
    }

    /** Adds an item line, marked with {@code >} and shown inverse when selected. */
    Lines item(boolean selected, AttributedStringBuilder content, Palette p) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (selected) {
            selectedLine = lines.size();
            b.append("> ", p.selected()).append(new AttributedString(content.toAttributedString().toString(), p.selected()));
        } else {
            b.append("  ").append(content);
        }
        lines.add(b.toAttributedString());
        return this;
    }

    int size() {
        return lines.size();
    }

    /** At most {@code rows} lines, from {@code offset} (or scrolled to show the selection when negative), cut to {@code width}. */
    List<AttributedString> window(int rows, int width, int offset) {
        int from = offset;
        if (from < 0) from = selectedLine < rows ? 0 : selectedLine - rows + 1;
        from = Math.max(0, Math.min(from, Math.max(0, lines.size() - rows)));
        List<AttributedString> out = new ArrayList<>();
        for (int i = from; i < Math.min(lines.size(), from + rows); i++) out.add(cut(lines.get(i), width));
        while (out.size() < rows) out.add(AttributedString.EMPTY);
        return out;
    }

    static AttributedString cut(AttributedString s, int width) {
        return s.columnLength() <= width ? s : s.columnSubSequence(0, Math.max(0, width));
    }

    /** {@code text} padded or cut to {@code width} columns. */
    static String pad(String text, int width) {
        String t = text == null ? "-" : text;
        if (t.length() >= width) return t.substring(0, Math.max(0, width - 1)) + " ";
        return t + " ".repeat(width - t.length());
    }
}
