package org.bourtol.ingest.place;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folding of free text typed on basic phones: lower case, accents and ligatures removed
 * ({@code "Djenné"} → {@code "djenne"}, {@code "bœufs"} → {@code "boeufs"}). Pure.
 */
public final class Fold {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Fold() {
    }

    /** Lower case without diacritics; other characters are kept. */
    public static String fold(String text) {
        return ascii(text).toLowerCase(Locale.ROOT);
    }

    /** The text without diacritics or ligatures, case kept ({@code "Ségou"} → {@code "Segou"}). */
    public static String ascii(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss")
                .replace("’", "'").replace("ø", "o").replace("Ø", "O").replace("đ", "d").replace("ł", "l");
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }

    /** A lookup key: folded, every non-alphanumeric run turned into one space, trimmed. */
    public static String key(String text) {
        return fold(text).replaceAll("[^a-z0-9]+", " ").trim();
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
