package io.gryt.core.yaml;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keys and names (shared by gryt's file readers; internal). */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} when it is a likely typo of it (an edit distance of at most half
     * of the longer word's length, and at most 3) or {@code word} is the candidate's start; else {@code null}.
     */
    public static String closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(w, c);
            int limit = Math.min(3, Math.max(1, Math.max(w.length(), c.length()) / 2));
            boolean likely = d <= limit || (w.length() >= 3 && c.startsWith(w));
            if (likely && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
