package org.bourtol.ingest.place;

/**
 * Typing-mistake tolerance for words typed on basic phones, compared after
 * {@link org.bourtol.contracts.text.Gsm7#key folding}. Pure.
 */
public final class Fold {

    private Fold() {
    }

    /**
     * The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
     * and transpositions of adjacent characters), the usual model of typing mistakes.
     */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }

    /** Edits tolerated for a typed word of this length: none up to 3 letters, 1 up to 5, 2 up to 9, then 3. */
    public static int tolerance(int length) {
        if (length <= 3) {
            return 0;
        }
        if (length <= 5) {
            return 1;
        }
        return length <= 9 ? 2 : 3;
    }
}
