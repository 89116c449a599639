package io.gryt.sqlite;

/**
 * Finds where the first statement of some SQL text ends, the way SQLite reads it: a {@code ;} outside string
 * literals ({@code '...'}), quoted identifiers ({@code "..."}, {@code `...`}, {@code [...]}) and comments
 * ({@code -- ...}, {@code /* ... *}{@code /}). The JDBC driver runs only the first statement of a text and says
 * nothing of the rest, so {@code gryt db query} refuses a text with more than one. Public for gryt's other SQL
 * stores ({@link SqlDatabase}); internal otherwise.
 */
public final class SqlStatements {
    private SqlStatements() {
    }

    /** What follows the first statement of {@code sql}, other than semicolons, blanks and comments; empty if nothing. */
    public static String afterFirst(String sql) {
        int end = endOfFirst(sql);
        if (end >= sql.length()) return "";
        String rest = sql.substring(end + 1);
        return onlyNoise(rest) ? "" : rest.strip();
    }

    /** The index of the {@code ;} that ends the first statement, or the length of {@code sql} when there is none. */
    private static int endOfFirst(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> i = closing(sql, i + 1, c);
                case '[' -> i = closing(sql, i + 1, ']');
                case '-' -> i = sql.startsWith("--", i) ? lineEnd(sql, i) : i + 1;
                case '/' -> i = sql.startsWith("/*", i) ? commentEnd(sql, i) : i + 1;
                case ';' -> {
                    return i;
                }
                default -> i++;
            }
        }
        return n;
    }

    /** True when {@code text} holds only semicolons, blanks and comments. */
    private static boolean onlyNoise(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';' || Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("--", i)) {
                i = lineEnd(text, i);
            } else if (text.startsWith("/*", i)) {
                i = commentEnd(text, i);
            } else {
                return false;
            }
        }
        return true;
    }

    /** The index after the quote {@code q} that closes a quoted part starting at {@code from} (a doubled quote escapes). */
    private static int closing(String sql, int from, char q) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == q) {
                if (q != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int lineEnd(String sql, int from) {
        int nl = sql.indexOf('\n', from);
        return nl < 0 ? sql.length() : nl + 1;
    }

    private static int commentEnd(String sql, int from) {
        int end = sql.indexOf("*/", from + 2);
        return end < 0 ? sql.length() : end + 2;
    }
}
