package org.bourtol.rules.engine;

import java.text.Normalizer;

/** Removes accents so headlines stay in the GSM-7 alphabet. */
public final class Text {

    private Text() {
    }

    /** {@code s} without combining marks (accents); "" for null. */
    public static String plain(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
