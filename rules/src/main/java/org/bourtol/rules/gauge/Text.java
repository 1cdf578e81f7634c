package org.bourtol.rules.gauge;

import java.text.Normalizer;

/** Removes accents so headlines stay in the GSM-7 alphabet. */
final class Text {

    private Text() {
    }

    static String plain(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
