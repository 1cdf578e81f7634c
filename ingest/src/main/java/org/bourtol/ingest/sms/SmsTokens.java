package org.bourtol.ingest.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.text.Gsm7;

/** Words and numbers of an SMS body, as the grammar reads them. Pure. */
final class SmsTokens {

    static final Pattern INT = Pattern.compile("\\d{1,7}|\\d{1,3}(?:[.,]\\d{3})+");
    static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:[.,]\\d+)?");
    static final Pattern LAT_LON = Pattern.compile("(-?\\d{1,2}\\.\\d+),(-?\\d{1,3}\\.\\d+)");
    static final Pattern GLUED_NUMBER_WORD = Pattern.compile("(\\d+(?:[.,]\\d+)?)([a-z]+)");
    static final Pattern GLUED_WORD_NUMBER = Pattern.compile("([a-z]{3,})(\\d+)");

    private SmsTokens() {
    }

    /** Folded words; numbers, decimals and {@code lat,lon} kept whole; glued numbers and words split. */
    static List<String> tokens(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        String s = Gsm7.fold(body).replace("->", " vers ").replace("→", " vers ").replaceAll("[^a-z0-9.,:+\\-]", " ");
        for (String piece : s.trim().split("\\s+")) {
            if (piece.isEmpty()) {
                continue;
            }
            if (LAT_LON.matcher(piece).matches() || DECIMAL.matcher(piece).matches() || INT.matcher(piece).matches()) {
                out.add(piece);
                continue;
            }
            Matcher glued = GLUED_NUMBER_WORD.matcher(piece);
            if (glued.matches()) {
                out.add(glued.group(1));
                out.add(glued.group(2));
                continue;
            }
            for (String w : piece.split("[.,:+\\-]+")) {
                if (w.isEmpty()) {
                    continue;
                }
                Matcher nw = GLUED_NUMBER_WORD.matcher(w);
                Matcher wn = GLUED_WORD_NUMBER.matcher(w);
                if (nw.matches()) {
                    out.add(nw.group(1));
                    out.add(nw.group(2));
                } else if (wn.matches()) {
                    out.add(wn.group(1));
                    out.add(wn.group(2));
                } else {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /**
     * Removes the first number from {@code tokens} (with a following or glued unit) and returns it in
     * the main unit; a value in {@code bigUnit} (metres) or a small decimal without unit is scaled by 100.
     */
    static Double takeNumber(List<String> tokens, String unit, String bigUnit) {
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
            boolean big = bigUnit != null && (next.equals(bigUnit) || (!next.equals(unit) && t.matches("\\d+[.,]\\d+") && v <= 20));
            if (next.equals(unit) || (bigUnit != null && next.equals(bigUnit))) {
                tokens.remove(i + 1);
            }
            tokens.remove(i);
            return big ? v * 100 : v;
        }
        return null;
    }
}
