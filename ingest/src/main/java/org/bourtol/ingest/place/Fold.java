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
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /**
     * {@link #distance(String, String)}, or any value above {@code max} as soon as the distance is known
     * to exceed it (lengths too different): the cheap test the gazetteer and the vocabulary run first.
     */
    public static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int n = a.length();
        int m = b.length();
        int[] twoBack = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, twoBack[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = twoBack;
            twoBack = previous;
            previous = current;
            current = t;
        }
        return previous[m];
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
