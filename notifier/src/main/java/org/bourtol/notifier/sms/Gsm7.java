package org.bourtol.notifier.sms;

import java.text.Normalizer;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet (7-bit) and its extension table, segment counting and
 * transliteration. A message made of GSM-7 characters fits 160 septets in one segment (153 per
 * segment when concatenated; extension characters such as {@code €} or {@code [} cost two); any
 * other character switches the whole message to UCS-2 (70 / 67 characters). Transliteration keeps
 * SMS cheap and readable on basic phones: accents outside the alphabet are dropped ({@code ê → e}),
 * typographic quotes and dashes become ASCII, anything left becomes {@code ?}. Pure functions.
 */
public final class Gsm7 {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENDED = "^{}\\[~]|€\f";
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u02BC', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""),
            Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""), Map.entry('\u2013', "-"), Map.entry('\u2014', "-"),
            Map.entry('\u2026', "..."), Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u0153', "oe"),
            Map.entry('\u0152', "OE"), Map.entry('\u00E7', "c"), Map.entry('\u00B0', "o"), Map.entry('\t', " "),
            Map.entry('\u2192', "->"), Map.entry('\u00E6', "ae"),
            // Letters of Sahel languages (Bambara, Fulfulde, Songhay, Hausa) in their usual SMS spelling.
            Map.entry('\u025B', "e"), Map.entry('\u0190', "E"), Map.entry('\u0254', "o"), Map.entry('\u0186', "O"),
            Map.entry('\u0272', "ny"), Map.entry('\u019D', "Ny"), Map.entry('\u014B', "ng"), Map.entry('\u014A', "Ng"),
            Map.entry('\u0253', "b"), Map.entry('\u0181', "B"), Map.entry('\u0257', "d"), Map.entry('\u018A', "D"),
            Map.entry('\u0199', "k"), Map.entry('\u0198', "K"), Map.entry('\u01B4', "y"), Map.entry('\u01B3', "Y"));

    public static final int SINGLE_GSM = 160;
    public static final int MULTI_GSM = 153;
    public static final int SINGLE_UCS2 = 70;
    public static final int MULTI_UCS2 = 67;

    private Gsm7() {
    }

    public static boolean isBasic(char c) {
        return BASIC.indexOf(c) >= 0;
    }

    public static boolean isExtended(char c) {
        return EXTENDED.indexOf(c) >= 0;
    }

    /** True when every character is in the GSM-7 default alphabet or its extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isBasic(c) && !isExtended(c)) {
                return false;
            }
        }
        return true;
    }

    /** Septets needed for a GSM-7 text (extension characters count two). */
    public static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += isExtended(text.charAt(i)) ? 2 : 1;
        }
        return n;
    }

    /** Number of SMS segments the text costs: GSM-7 when possible, else UCS-2 (UTF-16 code units). */
    public static int segments(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        if (isGsm7(text)) {
            int s = septets(text);
            return s <= SINGLE_GSM ? 1 : (s + MULTI_GSM - 1) / MULTI_GSM;
        }
        int u = text.length();
        return u <= SINGLE_UCS2 ? 1 : (u + MULTI_UCS2 - 1) / MULTI_UCS2;
    }

    /** Rewrites the text into the GSM-7 alphabet (idempotent; GSM-7 text is returned unchanged). */
    public static String transliterate(String text) {
        if (isGsm7(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBasic(c) || isExtended(c)) {
                out.append(c);
                continue;
            }
            String special = SPECIAL.get(c);
            if (special != null) {
                out.append(special);
                continue;
            }
            String stripped = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            if (!stripped.isEmpty() && isGsm7(stripped)) {
                out.append(stripped);
            } else if (Character.isHighSurrogate(c)) {
                out.append('?');
                i++;
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }
}
