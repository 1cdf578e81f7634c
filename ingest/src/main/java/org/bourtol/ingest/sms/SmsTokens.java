package org.bourtol.ingest.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.text.Gsm7;

/**
 * Words and numbers of an SMS body, as the grammar reads them. Any punctuation separates words;
 * numbers, decimals and {@code lat,lon} are kept whole; glued numbers and units are split ({@code 40mm},
 * {@code 6m20} → {@code 6.20 m}); thousands written with a space are joined ({@code 1 200}); French
 * and English numbers in words become digits ({@code mille cinq cents} → {@code 1500}); an apostrophe
 * inside a word is dropped ({@code na'i} → {@code nai}) and after one letter separates ({@code l'eau}). Pure.
 */
final class SmsTokens {

    static final Pattern INT = Pattern.compile("\\d{1,7}|\\d{1,3}(?:[.,]\\d{3})+");
    static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:[.,]\\d+)?");
    static final Pattern LAT_LON = Pattern.compile("(-?\\d{1,2}\\.\\d+),(-?\\d{1,3}\\.\\d+)");
    static final Pattern GLUED_NUMBER_WORD = Pattern.compile("(\\d+(?:[.,]\\d+)?)([a-z]+)");
    static final Pattern GLUED_WORD_NUMBER = Pattern.compile("([a-z]{3,})(\\d+)");
    /** A level in metres and centimetres, {@code 6m20}, {@code 6m5}. */
    static final Pattern METRES_CM = Pattern.compile("(\\d{1,2})m(\\d{1,2})");
    private static final Pattern INNER_APOSTROPHE = Pattern.compile("(?<=[a-z]{2})'(?=[a-z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9.,:+\\-]+");
    private static final Pattern INNER_PUNCTUATION = Pattern.compile("[.,:+\\-]+");
    private static final Pattern THREE_DIGITS = Pattern.compile("\\d{3}");
    private static final Pattern ONE_TO_THREE_DIGITS = Pattern.compile("\\d{1,3}");

    private SmsTokens() {
    }

    static List<String> tokens(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        String s = Gsm7.fold(body).replace("->", " vers ").replace("→", " vers ");
        s = SEPARATORS.matcher(INNER_APOSTROPHE.matcher(s).replaceAll("")).replaceAll(" ");
        for (String piece : s.trim().split(" ")) {
            if (!piece.isEmpty()) {
                piece(piece, out);
            }
        }
        return NumberWords.digits(joinThousands(out));
    }

    private static void piece(String piece, List<String> out) {
        if (letters(piece)) {
            out.add(piece);
            return;
        }
        if (LAT_LON.matcher(piece).matches() || DECIMAL.matcher(piece).matches() || INT.matcher(piece).matches()) {
            out.add(piece);
            return;
        }
        if (glued(piece, out)) {
            return;
        }
        for (String w : INNER_PUNCTUATION.split(piece)) {
            if (!w.isEmpty() && !glued(w, out)) {
                out.add(w);
            }
        }
    }

    private static boolean letters(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean glued(String w, List<String> out) {
        Matcher mc = METRES_CM.matcher(w);
        if (mc.matches()) {
            String cm = mc.group(2);
            out.add(mc.group(1) + "." + (cm.length() == 1 ? cm + "0" : cm));
            out.add("m");
            return true;
        }
        Matcher nw = GLUED_NUMBER_WORD.matcher(w);
        if (nw.matches()) {
            out.add(nw.group(1));
            out.add(nw.group(2));
            return true;
        }
        Matcher wn = GLUED_WORD_NUMBER.matcher(w);
        if (wn.matches()) {
            out.add(wn.group(1));
            out.add(wn.group(2));
            return true;
        }
        return false;
    }

    /** {@code 1 200} → {@code 1200}: one to three digits followed by exactly three. */
    private static List<String> joinThousands(List<String> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (ONE_TO_THREE_DIGITS.matcher(tokens.get(i)).matches() && THREE_DIGITS.matcher(tokens.get(i + 1)).matches()
                    && !tokens.get(i).startsWith("0")) {
                tokens.set(i, tokens.get(i) + tokens.remove(i + 1));
            }
        }
        return tokens;
    }

    /**
     * Removes the first number from {@code tokens} (with a following or glued unit) and returns it in
     * the main unit; a value in {@code bigUnit} (metres) or a small decimal without unit is scaled by 100;
     * {@code 6 m 40} is read as 6.40 m.
     */
    static Double takeNumber(List<String> tokens, String unit, String bigUnit) {
        Unit u = number(tokens, unit, bigUnit, true);
        return u == null ? null : u.value();
    }

    /** A number with whether its unit was written; {@code remove} takes it out of {@code tokens}. */
    record Unit(double value, boolean explicit) {
    }

    static Unit number(List<String> tokens, String unit, String bigUnit, boolean remove) {
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!DECIMAL.matcher(t).matches()) {
                continue;
            }
            if (t.contains(".") && i + 1 < tokens.size() && DECIMAL.matcher(tokens.get(i + 1)).matches()
                    && tokens.get(i + 1).contains(".")) {
                i++;
                continue;
            }
            double v = Double.parseDouble(t.replace(',', '.'));
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            int used = 1;
            if (bigUnit != null && next.equals(bigUnit) && t.matches("\\d{1,2}") && i + 2 < tokens.size()
                    && tokens.get(i + 2).matches("\\d{1,2}")) {
                String cm = tokens.get(i + 2);
                v = Double.parseDouble(t + "." + (cm.length() == 1 ? cm + "0" : cm));
                used = 3;
            } else if (next.equals(unit) || (bigUnit != null && next.equals(bigUnit))) {
                used = 2;
            }
            boolean big = bigUnit != null && (next.equals(bigUnit) || (!next.equals(unit) && t.matches("\\d+[.,]\\d+") && v <= 20));
            if (remove) {
                for (int k = 0; k < used; k++) {
                    tokens.remove(i);
                }
            }
            return new Unit(big ? v * 100 : v, used > 1);
        }
        return null;
    }
}
