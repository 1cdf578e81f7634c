package org.bourtol.rules.engine;

import java.util.Map;
import java.util.function.Function;
import org.bourtol.contracts.text.Catalogue;

/**
 * Rule headlines from the {@code headlines_<lang>.properties} catalogue next to this class: one text
 * per language found on the classpath, transliterated to GSM-7 (they go out in SMS).
 */
public final class Headlines {

    private static final Catalogue TEXTS = Catalogue.of(Headlines.class, "headlines");

    private Headlines() {
    }

    /** The headline {@code key} in every language, filled from {@code vars}. */
    public static Map<String, String> of(String key, Map<String, ?> vars) {
        return TEXTS.all(key, vars);
    }

    /** The headline {@code key} in every language, with variables per language (words from {@link #word}). */
    public static Map<String, String> of(String key, Function<String, Map<String, ?>> vars) {
        return TEXTS.all(key, vars);
    }

    /** The text {@code key} in {@code lang}, filled from {@code vars} (a part of a headline, e.g. "3 reports"). */
    public static String text(String lang, String key, Map<String, ?> vars) {
        return TEXTS.text(lang, key, vars);
    }

    /** A word of the catalogue in {@code lang} (e.g. a level's colour). */
    public static String word(String lang, String key) {
        return TEXTS.raw(lang, key);
    }

    /** A measure written with English units ("120 head", "3 herds") in {@code lang}'s words ({@code unit.head}, {@code unit.herds}). */
    public static String units(String lang, String measure) {
        return measure.replace("head", TEXTS.raw(lang, "unit.head")).replace("herds", TEXTS.raw(lang, "unit.herds"));
    }
}
