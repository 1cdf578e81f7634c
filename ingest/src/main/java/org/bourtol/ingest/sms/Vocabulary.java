package org.bourtol.ingest.sms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.text.Catalogue;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.contracts.observation.Species;
import org.bourtol.ingest.place.Fold;

/**
 * The words of the SMS grammar (docs/sms-grammar.md), folded, read from files: {@code grammar_<lang>.properties}
 * (keywords and species names that tell the sender's language; French and English ship, a translator adds a
 * language with a file on the classpath in this package) and {@code grammar.properties} (words that do not tell
 * it: {@code OK}, species names in Bambara and Fulfulde, report types, fillers, greetings). Exact words are looked
 * up first; {@link #approximate} tolerates {@link Fold#tolerance} edits for longer words.
 */
final class Vocabulary {

    enum Keyword { HERD, ALERT, LEVEL, RAIN, OK, HELP }

    record Word<T>(T meaning, Language language) {
    }

    /** The language files ({@code grammar_<lang>.properties}); their languages are the ones with keywords. */
    static final Catalogue GRAMMAR = Catalogue.of(Vocabulary.class, "grammar");
    /** Every grammar file by the language it tells: the language files first, then {@code grammar.properties} (null). */
    private static final Map<Language, Properties> FILES = files();

    static final Map<String, Word<Keyword>> KEYWORDS = words("keyword.", Keyword.class);
    static final Map<String, Word<Species>> SPECIES = words("species.", Species.class);
    static final Map<String, Word<ReportType>> TYPES = words("type.", ReportType.class);

    /** Words around a place or a count that carry no meaning ("a Konna", "250 tetes de bovins"). */
    static final Set<String> FILLERS = set("fillers");
    static final Set<String> COUNT_FILLERS = set("count-fillers");
    /** Words that count animals without naming the species ("150 tetes"): a herd of unknown species. */
    static final Set<String> HEADS = set("heads");
    /**
     * Greetings, politeness and sign-offs, dropped before anything is read ("Bonjour", "svp", "merci",
     * Bambara "i ni ce", Fulfulde "jam", "on jaraama"); several words are dropped only together.
     */
    static final Set<String> POLITE = set("polite");
    static final List<List<String>> POLITE_PHRASES = phrases("polite-phrases");
    static final Set<String> DESTINATION = set("destination");

    private Vocabulary() {
    }

    private static Map<Language, Properties> files() {
        Map<Language, Properties> files = new LinkedHashMap<>();
        GRAMMAR.languages().forEach(lang -> GRAMMAR.properties(lang).ifPresent(p -> files.put(new Language(lang), p)));
        files.put(null, Catalogue.file(Vocabulary.class, "grammar.properties"));
        return files;
    }

    /** The words of every {@code <prefix><CONSTANT>} key, each with the language of its file (the common file last). */
    private static <T extends Enum<T>> Map<String, Word<T>> words(String prefix, Class<T> type) {
        Map<String, Word<T>> out = new HashMap<>();
        FILES.forEach((language, p) -> p.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(key -> {
            T meaning = Enum.valueOf(type, key.substring(prefix.length()));
            split(p.getProperty(key)).forEach(w -> out.put(w, new Word<>(meaning, language)));
        }));
        return Map.copyOf(out);
    }

    /** The words of {@code key} in every grammar file. */
    private static Set<String> set(String key) {
        return FILES.values().stream().flatMap(p -> split(p.getProperty(key, "")).stream()).collect(Collectors.toUnmodifiableSet());
    }

    /** The phrases of {@code key} in every grammar file: separated by ';', their words by spaces. */
    private static List<List<String>> phrases(String key) {
        return FILES.values().stream().flatMap(p -> Arrays.stream(p.getProperty(key, "").split(";"))).filter(ph -> !ph.isBlank())
                .map(ph -> List.of(Gsm7.fold(ph).trim().split("\\s+"))).toList();
    }

    /** Comma-separated words, folded as the parser folds what people type. */
    private static List<String> split(String words) {
        return Arrays.stream(words.split(",")).map(w -> Gsm7.fold(w).trim()).filter(w -> !w.isEmpty()).toList();
    }

    /** The words without greetings and politeness ({@link #POLITE}, {@link #POLITE_PHRASES}). */
    static List<String> withoutPoliteness(List<String> tokens) {
        List<String> out = new java.util.ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            List<String> phrase = phraseAt(tokens, i);
            if (phrase != null) {
                i += phrase.size() - 1;
            } else if (!POLITE.contains(tokens.get(i))) {
                out.add(tokens.get(i));
            }
        }
        return out;
    }

    private static List<String> phraseAt(List<String> tokens, int i) {
        for (List<String> p : POLITE_PHRASES) {
            if (i + p.size() <= tokens.size() && tokens.get(i).equals(p.get(0)) && tokens.subList(i, i + p.size()).equals(p)) {
                return p;
            }
        }
        return null;
    }

    /** The exact entry, else the single closest one within tolerance (ties and short words give null). */
    static <T> Word<T> approximate(Map<String, Word<T>> words, String token) {
        Word<T> exact = words.get(token);
        if (exact != null) {
            return exact;
        }
        int tolerance = Math.min(2, Fold.tolerance(token.length()));
        if (tolerance == 0 || !token.chars().allMatch(Character::isLetter)) {
            return null;
        }
        Word<T> best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (Map.Entry<String, Word<T>> e : words.entrySet()) {
            if (e.getKey().length() < 4) {
                continue;
            }
            int d = Fold.distance(token, e.getKey(), tolerance);
            if (d > tolerance) {
                continue;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue();
                tie = false;
            } else if (d == bestDistance && !e.getValue().meaning().equals(best.meaning())) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
