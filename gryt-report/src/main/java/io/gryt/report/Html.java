package io.gryt.report;

import java.util.Locale;

/**
 * What the HTML reports share: escaping (every recorded text goes through {@link #text}), the page's start with
 * its inline style sheet, and status badges. Pages load nothing: a Content-Security-Policy forbids every
 * source but the inline styles, so that even a recorded {@code <script>} that escaped escaping could not run.
 */
final class Html {
    private Html() {
    }

    /** {@code s} safe as element content or a quoted attribute value; null gives {@code -}. */
    static String text(String s) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A status badge: {@code <span class="status pass">pass</span>}. */
    static String status(String status) {
        return "<span class=\"status " + statusClass(status) + "\">" + text(status) + "</span>";
    }

    /** The CSS class of a status: its label when it is a plain word, else {@code other}. */
    static String statusClass(String status) {
        if (status == null || !status.matches("[a-z_]{1,20}")) return "other";
        return status.toLowerCase(Locale.ROOT);
    }

    /** Monospaced text. */
    static String code(String s) {
        return "<code>" + text(s) + "</code>";
    }

    /** An anchor name for an id such as a tag or version. */
    static String anchor(String prefix, String id) {
        return prefix + (id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The document's start up to and including {@code <body>}. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + text(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    static final String STYLE = """
            :root { --fg: #1c2330; --muted: #5d6678; --line: #dde2ea; --bg: #f4f6f9; --card: #fff;
                    --pass: #1a7f37; --fail: #c62828; --warn: #8a5a00; --link: #2553c7; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
                   font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1200px; margin: 0 auto; padding: 24px; }
            header.report, section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
                                     padding: 16px 20px; margin-bottom: 20px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 0 0 10px; }
            h3 { font-size: 13px; margin: 20px 0 6px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
            h4 { font-size: 14px; margin: 0 0 2px; }
            p { margin: 4px 0; }
            a { color: var(--link); text-decoration: none; }
            .muted, .meta { color: var(--muted); }
            table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-size: 12px; font-weight: 600; color: var(--muted); }
            code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
            td.wrap, td.wrap code { word-break: break-all; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; }
            ul.proofs { list-style: none; margin: 0; padding: 0; }
            article { border-top: 1px solid var(--line); padding: 10px 0 4px; }
            .status { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
                      border: 1px solid currentColor; color: var(--muted); }
            .status.pass, .status.passed, .status.completed, .status.promoted, .status.intact, .status.evidenced { color: var(--pass); }
            .status.fail, .status.timeout, .status.blocked, .status.broken, .status.interrupted, .status.gap { color: var(--fail); }
            .status.pending, .status.running, .status.draft, .status.in_progress, .status.hot_fix, .status.not_checked, .status.unavailable,
            .status.rolled_back, .status.skipped, .status.cancelled { color: var(--warn); }
            .verify { margin-top: 10px; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
            .verify.intact { background: #e7f4eb; }
            .verify.broken { background: #fdeaea; }
            .verify.not_checked, .verify.unavailable { background: #fff4d9; }
            nav a { margin-right: 12px; }
            footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
            """;
}
