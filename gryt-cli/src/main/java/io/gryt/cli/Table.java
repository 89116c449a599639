package io.gryt.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table with aligned columns, as {@code git} and {@code kubectl} print them. Control characters in
 * a cell (a line break, a tab, an escape sequence) become spaces, so no value can break the layout or drive the
 * terminal.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = Arrays.stream(header).map(ControlCodes::strip).toList();
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c == null ? "-" : ControlCodes.strip(String.valueOf(c)));
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length && i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
        print(out, header, width);
        for (List<String> r : rows) print(out, r, width);
    }

    private static void print(PrintStream out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(cells.get(i));
            if (i < cells.size() - 1) b.append(" ".repeat(width[i] - cells.get(i).length() + 2));
        }
        out.println(b.toString().stripTrailing());
    }
}
