package io.gryt.dashboard;

import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;

import java.time.Instant;
import java.util.Locale;

/** One screen of the dashboard: what it reads, how it draws its body, and what keys do there. */
sealed interface View permits OverviewView, GenerationView, EvolutionView, LogView {
    /** Reads what this view shows beyond {@code page} (called when the store changed). */
    void reload(Gryt gryt, StatusPage page);

    /** The title bar's text. */
    String title(StatusPage page);

    /** The body, its items filtered by {@code filter} (empty: everything). */
    Lines body(StatusPage page, Instant now, Palette p, String filter);

    /** What a key does: a view to open, or {@code null} (this view handled it, or ignores it). */
    View key(Key key, int rows);

    /** The keys of this view, for the help line. */
    String help();

    /** The first body line to show, or -1 to keep the selected item in sight. */
    default int offset(int rows) {
        return -1;
    }

    /** True when {@code text} matches the filter (case-insensitive substring). */
    static boolean matches(String filter, String... texts) {
        if (filter.isEmpty()) return true;
        String f = filter.toLowerCase(Locale.ROOT);
        for (String t : texts) {
            if (t != null && t.toLowerCase(Locale.ROOT).contains(f)) return true;
        }
        return false;
    }

    /** Moves a selection within {@code size} items. */
    static int move(int selected, Key key, int size, int rows) {
        int s = selected;
        if (key.up()) s--;
        else if (key.down()) s++;
        else if (key.kind() == Key.Kind.PAGE_UP) s -= rows;
        else if (key.kind() == Key.Kind.PAGE_DOWN) s += rows;
        else if (key.kind() == Key.Kind.HOME || key.is('g')) s = 0;
        else if (key.kind() == Key.Kind.END || key.is('G')) s = size - 1;
        return Math.max(0, Math.min(s, size - 1));
    }
}
