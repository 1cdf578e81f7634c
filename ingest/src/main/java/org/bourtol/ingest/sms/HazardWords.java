package org.bourtol.ingest.sms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.ingest.place.Fold;

/**
 * The hazard words of free-text reports, one data file per language ({@code hazards/hazards-<lang>.txt},
 * format in the README there). {@link #match} finds them in a message's words, longest phrases first,
 * each word used once, and sums their weights per report type. Immutable.
 */
final class HazardWords {

    /** Strong words weigh this much; a type needs {@link #INCIDENT} to be an incident report. */
    static final double STRONG = 1.0;
    static final double WEAK = 0.5;
    static final double INCIDENT = 1.0;
    /** Tie-break between types with the same total, most serious first. */
    static final List<ReportType> PRIORITY = List.of(ReportType.CLASH, ReportType.THEFT, ReportType.FIRE, ReportType.FLOOD,
            ReportType.DISEASE, ReportType.DAMAGE, ReportType.TENSION, ReportType.WATER);
    static final List<String> LANGUAGES = List.of("fr", "en", "bm", "ff");

    /** A phrase; {@code type} null for a look-alike that counts for nothing; {@code englishOnly} when only the English file has it. */
    record Entry(List<String> words, ReportType type, double weight, boolean englishOnly) {
    }

    /** The best type, its total weight, the phrases that matched it, and whether they were all English. */
    record Match(ReportType type, double score, List<String> words, boolean english) {
        boolean incident() {
            return score >= INCIDENT;
        }

        /** 0.6 for one strong word, 0.9 for two or more; 0.45 for one weak word. */
        double confidence() {
            return Math.round(Math.min(0.9, 0.3 + 0.3 * score) * 100) / 100.0;
        }
    }

    static final HazardWords DEFAULT = load();

    private final Map<String, List<Entry>> byFirstWord;
    private final Map<String, Entry> longSingles;

    private HazardWords(Map<String, List<Entry>> byFirstWord, Map<String, Entry> longSingles) {
        this.byFirstWord = byFirstWord;
        this.longSingles = longSingles;
    }

    static HazardWords load() {
        Map<String, Entry> all = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            String resource = "hazards/hazards-" + lang + ".txt";
            try (InputStream in = HazardWords.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing vocabulary " + resource);
                }
                read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), lang, all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, List<Entry>> byFirst = new HashMap<>();
        Map<String, Entry> singles = new HashMap<>();
        for (Entry e : all.values()) {
            byFirst.computeIfAbsent(e.words().get(0), k -> new ArrayList<>()).add(e);
            if (e.words().size() == 1 && e.words().get(0).length() >= 7) {
                singles.put(e.words().get(0), e);
            }
        }
        byFirst.values().forEach(l -> l.sort(Comparator.comparingInt((Entry e) -> e.words().size()).reversed()));
        return new HazardWords(Map.copyOf(byFirst), Map.copyOf(singles));
    }

    private static void read(BufferedReader in, String lang, Map<String, Entry> all) throws IOException {
        int n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            n++;
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String[] head = colon < 0 ? new String[0] : line.substring(0, colon).trim().split("\\s+");
            if (head.length != 2 || !(head[1].equals("strong") || head[1].equals("weak"))) {
                throw new IllegalStateException("hazards-" + lang + ".txt line " + n + ": expected 'TYPE strong|weak: words'");
            }
            ReportType type = head[0].equals("-") ? null : ReportType.fromWire(head[0]);
            double weight = head[1].equals("strong") ? STRONG : WEAK;
            for (String phrase : line.substring(colon + 1).split(",")) {
                List<String> words = SmsTokens.tokens(phrase);
                if (words.isEmpty()) {
                    continue;
                }
                String key = String.join(" ", words);
                Entry earlier = all.get(key);
                boolean english = lang.equals("en") && (earlier == null || earlier.englishOnly());
                if (earlier == null || earlier.weight() < weight) {
                    all.put(key, new Entry(words, type, weight, english));
                } else if (earlier.englishOnly() && !english) {
                    all.put(key, new Entry(earlier.words(), earlier.type(), earlier.weight(), false));
                }
            }
        }
    }

    /** The hazard the words speak of, or null when none of them is a hazard word. */
    Match match(List<String> tokens) {
        Map<ReportType, Double> score = new EnumMap<>(ReportType.class);
        Map<ReportType, List<String>> words = new EnumMap<>(ReportType.class);
        Map<ReportType, Boolean> english = new EnumMap<>(ReportType.class);
        for (int i = 0; i < tokens.size(); i++) {
            Entry hit = at(tokens, i);
            if (hit == null) {
                continue;
            }
            i += hit.words().size() - 1;
            if (hit.type() == null) {
                continue;
            }
            score.merge(hit.type(), hit.weight(), Double::sum);
            words.computeIfAbsent(hit.type(), k -> new ArrayList<>()).add(String.join(" ", hit.words()));
            english.merge(hit.type(), hit.englishOnly(), Boolean::logicalAnd);
        }
        ReportType best = null;
        for (ReportType t : PRIORITY) {
            if (score.containsKey(t) && (best == null || score.get(t) > score.get(best))) {
                best = t;
            }
        }
        return best == null ? null : new Match(best, score.get(best), List.copyOf(words.get(best)), english.get(best));
    }

    private Entry at(List<String> tokens, int i) {
        List<Entry> candidates = byFirstWord.get(tokens.get(i));
        if (candidates != null) {
            for (Entry e : candidates) {
                int n = e.words().size();
                if (i + n <= tokens.size() && tokens.subList(i, i + n).equals(e.words())) {
                    return e;
                }
            }
        }
        String t = tokens.get(i);
        if (t.length() < 7 || !Character.isLetter(t.charAt(0))) {
            return null;
        }
        Entry near = null;
        for (Map.Entry<String, Entry> e : longSingles.entrySet()) {
            if (Fold.distance(t, e.getKey(), 1) <= 1) {
                if (near != null && near.type() != e.getValue().type()) {
                    return null;
                }
                near = e.getValue();
            }
        }
        return near;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HazardWords[%d first words]", byFirstWord.size());
    }
}
