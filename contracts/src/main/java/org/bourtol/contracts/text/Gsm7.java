package org.bourtol.contracts.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text as basic phones carry it, in one place for every module: the GSM 03.38 default alphabet
 * (7-bit) and its extension table, segment counting, transliteration into that alphabet, and the
 * full fold used to match what people type.
 *
 * <p>A message made of GSM-7 characters fits 160 septets in one segment (153 per segment when
 * concatenated; extension characters such as {@code €} or {@code [} cost two); any other character
 * switches the whole message to UCS-2 (70 / 67 characters). {@link #transliterate} keeps SMS cheap
 * and readable: letters GSM-7 has are kept ({@code é è ù à ì ò Ç}), other accents are dropped
 * ({@code ê → e}), typographic quotes and dashes become ASCII, letters of Sahel languages take their
 * usual SMS spelling, anything left becomes {@code ?}. {@link #fold} goes further, for matching only:
 * lower case, every accent removed ({@code "Djenné" → "djenne"}). Pure functions.
 */
public final class Gsm7 {

    public static final int SINGLE_GSM = 160;
    public static final int MULTI_GSM = 153;
    public static final int SINGLE_UCS2 = 70;
    public static final int MULTI_UCS2 = 67;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENDED = "^{}\\[~]|€\f";
    /**
     * Letters of Sahel languages (Bambara, Fulfulde, Songhay, Hausa) without a GSM-7 form nor a decomposition, as both
     * {@link #transliterate} and {@link #fold} write them (ɲ and ŋ differ: see each map).
     */
    private static final Map<Character, String> SAHEL_LETTERS = Map.ofEntries(
            Map.entry('\u025B', "e"), Map.entry('\u0190', "E"), Map.entry('\u0254', "o"), Map.entry('\u0186', "O"),
            Map.entry('\u0253', "b"), Map.entry('\u0181', "B"), Map.entry('\u0257', "d"), Map.entry('\u018A', "D"),
            Map.entry('\u0199', "k"), Map.entry('\u0198', "K"), Map.entry('\u01B4', "y"), Map.entry('\u01B3', "Y"));
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u02BC', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""),
            Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""), Map.entry('\u2013', "-"), Map.entry('\u2014', "-"),
            Map.entry('\u2026', "..."), Map.entry('\u00A0', " "), Map.entry('\u202F', " "), Map.entry('\u0153', "oe"),
            Map.entry('\u0152', "OE"), Map.entry('\u00E7', "c"), Map.entry('\u00B0', "o"), Map.entry('\t', " "),
            Map.entry('\u2192', "->"), Map.entry('\u00E6', "ae"),
            // ɲ and ŋ in their usual SMS spelling
            Map.entry('\u0272', "ny"), Map.entry('\u019D', "Ny"), Map.entry('\u014B', "ng"), Map.entry('\u014A', "Ng"));
    /** What {@link #fold} does beyond dropping combining marks: ligatures and letters without a decomposition. */
    private static final Map<Character, String> FOLD = Map.ofEntries(
            Map.entry('\u0153', "oe"), Map.entry('\u0152', "OE"), Map.entry('\u00E6', "ae"), Map.entry('\u00C6', "AE"),
            Map.entry('\u00DF', "ss"), Map.entry('\u2019', "'"), Map.entry('\u00F8', "o"), Map.entry('\u00D8', "O"),
            Map.entry('\u0111', "d"), Map.entry('\u0142', "l"),
            // ɲ and ŋ fold to their base letter
            Map.entry('\u0272', "n"), Map.entry('\u019D', "N"), Map.entry('\u014B', "n"), Map.entry('\u014A', "N"));
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

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

    /** Septets needed for a GSM-7 text (extension characters count two); -1 when the text is not GSM-7. */
    public static int septets(String text) {
        if (!isGsm7(text)) {
            return -1;
        }
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
        int s = septets(text);
        if (s >= 0) {
            return s <= SINGLE_GSM ? 1 : (s + MULTI_GSM - 1) / MULTI_GSM;
        }
        int u = text.length();
        return u <= SINGLE_UCS2 ? 1 : (u + MULTI_UCS2 - 1) / MULTI_UCS2;
    }

    /** True when the text is GSM-7 and fits one 160-septet segment. */
    public static boolean fitsOneSegment(String text) {
        int n = septets(text);
        return n >= 0 && n <= SINGLE_GSM;
    }

    /** Rewrites the text into the GSM-7 alphabet (idempotent; GSM-7 text is returned unchanged; null gives ""). */
    public static String transliterate(String text) {
        if (text == null) {
            return "";
        }
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
            String special = SPECIAL.getOrDefault(c, SAHEL_LETTERS.get(c));
            if (special != null) {
                out.append(special);
                continue;
            }
            String stripped = MARKS.matcher(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)).replaceAll("");
            if (!stripped.isEmpty() && isGsm7(stripped)) {
                out.append(stripped);
            } else {
                out.append('?');
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** The text without any diacritic or ligature, case kept ({@code "Ségou"} → {@code "Segou"}); "" for null. */
    public static String ascii(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String f = c < 0x80 ? null : FOLD.getOrDefault(c, SAHEL_LETTERS.get(c));
            s.append(f == null ? String.valueOf(c) : f);
        }
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    }

    /**
     * The full fold, for matching what people type and never for display: lower case, every accent
     * and ligature removed, letters of Sahel languages as their plain Latin letter
     * ({@code "Djenné"} → {@code "djenne"}, {@code "bœufs"} → {@code "boeufs"}, {@code "kɛlɛ"} → {@code "kele"}).
     */
    public static String fold(String text) {
        return ascii(text).toLowerCase(Locale.ROOT);
    }

    /** A lookup key: {@link #fold folded}, every non-alphanumeric run turned into one space, trimmed. */
    public static String key(String text) {
        return NON_ALNUM.matcher(fold(text)).replaceAll(" ").trim();
    }
}
