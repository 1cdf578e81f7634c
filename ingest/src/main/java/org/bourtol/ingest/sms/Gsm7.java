package org.bourtol.ingest.sms;

import org.bourtol.ingest.place.Fold;

/**
 * The GSM 03.38 7-bit alphabet: what a basic phone shows without switching to UCS-2 (which would cut a
 * segment to 70 characters). Replies are transliterated to plain letters first, then checked.
 */
public final class Gsm7 {

    /** One segment of a single-part SMS, in septets. */
    public static final int SEGMENT = 160;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private Gsm7() {
    }

    /** Accents removed, typographic quotes and dashes made plain, anything else outside GSM-7 replaced by '?'. */
    public static String transliterate(String text) {
        String s = Fold.ascii(text).replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"')
                .replace('–', '-').replace('—', '-').replace('…', '.').replace('«', '"').replace('»', '"');
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0 ? c : '?');
        }
        return out.toString();
    }

    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Length in septets (extension characters count twice), or -1 when not encodable. */
    public static int septets(String text) {
        if (!isGsm7(text)) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    public static boolean fitsOneSegment(String text) {
        int n = septets(text);
        return n >= 0 && n <= SEGMENT;
    }
}
