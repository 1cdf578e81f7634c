package org.bourtol.ingest.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Numbers written in French or English words, up to the thousands ({@code deux cents} → 200,
 * {@code mille cinq cents} → 1500, {@code quatre vingt} → 80, {@code two hundred} → 200), turned
 * into digits. A lone {@code un}/{@code une}/{@code one}/{@code a} is an article, not a count. Pure.
 */
final class NumberWords {

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("un", 1), Map.entry("une", 1), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("quatre", 4),
            Map.entry("cinq", 5), Map.entry("six", 6), Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9),
            Map.entry("dix", 10), Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("treize", 13), Map.entry("quatorze", 14),
            Map.entry("quinze", 15), Map.entry("seize", 16), Map.entry("vingt", 20), Map.entry("vingts", 20), Map.entry("trente", 30),
            Map.entry("quarante", 40), Map.entry("cinquante", 50), Map.entry("soixante", 60), Map.entry("septante", 70),
            Map.entry("octante", 80), Map.entry("nonante", 90),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("twelve", 12), Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70),
            Map.entry("eighty", 80), Map.entry("ninety", 90));
    private static final java.util.Set<String> HUNDRED = java.util.Set.of("cent", "cents", "hundred", "hundreds");
    private static final java.util.Set<String> THOUSAND = java.util.Set.of("mille", "milles", "mil", "thousand", "thousands");
    private static final java.util.Set<String> ARTICLES = java.util.Set.of("un", "une", "one");

    private NumberWords() {
    }

    static List<String> digits(List<String> tokens) {
        List<String> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            int end = run(tokens, i);
            boolean article = end == i + 1 && ARTICLES.contains(tokens.get(i));
            boolean milletNotThousand = end == i + 1 && tokens.get(i).equals("mil");
            if (end == i || article || milletNotThousand) {
                if (out != null) {
                    out.add(tokens.get(i));
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(tokens.subList(0, i));
            }
            out.add(String.valueOf(value(tokens.subList(i, end))));
            i = end - 1;
        }
        return out == null ? tokens : out;
    }

    /** The end (exclusive) of the run of number words starting at {@code i}; {@code et}/{@code and} inside only. */
    private static int run(List<String> tokens, int i) {
        int end = i;
        for (int k = i; k < tokens.size(); k++) {
            String t = tokens.get(k);
            boolean joiner = (t.equals("et") || t.equals("and")) && k > i && k + 1 < tokens.size() && isNumberWord(tokens.get(k + 1));
            if (isNumberWord(t)) {
                end = k + 1;
            } else if (!joiner) {
                break;
            }
        }
        return end;
    }

    private static boolean isNumberWord(String t) {
        return UNITS.containsKey(t) || HUNDRED.contains(t) || THOUSAND.contains(t);
    }

    private static long value(List<String> words) {
        long total = 0;
        long current = 0;
        for (String w : words) {
            if (HUNDRED.contains(w)) {
                current = (current == 0 ? 1 : current) * 100;
            } else if (THOUSAND.contains(w)) {
                total += (current == 0 ? 1 : current) * 1000;
                current = 0;
            } else if (UNITS.containsKey(w)) {
                int v = UNITS.get(w);
                current = v == 20 && current % 100 == 4 ? current - 4 + 80 : current + v;
            }
        }
        return total + current;
    }
}
