package io.gryt.core.text;

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

    /**
     * Edit distance counting an insertion, a deletion, a substitution or a swap of two adjacent letters as one
     * edit (optimal string alignment), so that {@code rnu} is one edit from {@code run}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
