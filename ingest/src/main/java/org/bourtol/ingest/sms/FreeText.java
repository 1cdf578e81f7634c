package org.bourtol.ingest.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Species;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.place.Place;
import org.bourtol.ingest.place.Resolution;
import org.bourtol.ingest.sms.Vocabulary.Word;

/**
 * Reading a message written without the card: the place it names anywhere in the words, its language,
 * a herd, level or rain report without keyword, and the triage of what is still not understood. Pure.
 */
final class FreeText {

    /** Place names that are also common words, not taken as places in free text ("dire" is a station). */
    private static final Set<String> NOT_PLACES = Set.of("dire", "commune");
    /** Words that say a message is English rather than French (or Bambara, Fulfulde: the reporter's language). */
    private static final Set<String> ENGLISH = Set.of("the", "in", "at", "near", "between", "and", "of", "is", "are", "by", "with",
            "from", "there", "this", "people", "herders", "farmers", "now", "last", "night", "tonight", "today", "houses", "heard",
            "took", "some", "many", "our", "we", "they", "their", "village", "crossing", "going");
    private static final Set<String> FRENCH = Set.of("le", "la", "les", "de", "du", "des", "et", "a", "au", "aux", "en", "est",
            "entre", "pres", "dans", "sur", "il", "y", "ont", "sont", "une", "un", "pour", "par", "chez", "cette", "nuit", "ce",
            "matin", "avec", "village", "eleveurs", "agriculteurs", "ici");
    /** A bare number at a gauge station is read as a level in cm within this range ({@code NIAMEY 590}). */
    static final int PLAUSIBLE_LEVEL_MIN = 50;
    static final int PLAUSIBLE_LEVEL_MAX = 1500;

    private final Gazetteer gazetteer;

    FreeText(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The first place written exactly anywhere in the words (the longest name there), or null. */
    Resolution place(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (Vocabulary.FILLERS.contains(t) || NOT_PLACES.contains(t) || Character.isDigit(t.charAt(0))) {
                continue;
            }
            Resolution r = gazetteer.exact(tokens, i, p -> true);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** English or French when its words or hazard words say so, else the reporter's language ({@link Language#reply}). */
    Language language(List<String> tokens, HazardWords.Match hazard, Language fallback) {
        int score = hazard == null ? 0 : hazard.english() ? 2 : -1;
        for (String t : tokens) {
            score += ENGLISH.contains(t) ? 1 : FRENCH.contains(t) ? -1 : 0;
        }
        return Language.reply(score > 0 ? Language.EN : score < 0 ? Language.FR : null, fallback);
    }

    /**
     * A report without keyword: a count with a species or with heads ({@code 150 tetes a Konna}); a rain
     * amount in mm at a place; a level at a gauge station with a unit or a plausible bare number. Null
     * when the words are none of these.
     */
    SmsCommand structured(SmsParser parser, List<String> tokens, Language fallback) {
        boolean counted = tokens.stream().anyMatch(t -> SmsTokens.INT.matcher(t).matches());
        Word<Species> species = SmsParser.speciesWord(tokens);
        if (counted && (species != null || tokens.stream().anyMatch(Vocabulary.HEADS::contains))) {
            Language lang = Language.reply(species == null ? null : species.language(), fallback);
            return parser.herd(lang, tokens);
        }
        SmsTokens.Unit rain = SmsTokens.number(new ArrayList<>(tokens), "mm", null, false);
        if (rain != null && rain.explicit()) {
            return parser.rain(fallback, tokens);
        }
        if (station(tokens)) {
            SmsTokens.Unit level = SmsTokens.number(new ArrayList<>(tokens), "cm", "m", false);
            if (level != null && (level.explicit() || level.value() >= PLAUSIBLE_LEVEL_MIN && level.value() <= PLAUSIBLE_LEVEL_MAX)) {
                return parser.level(fallback, tokens);
            }
        }
        return null;
    }

    private boolean station(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (gazetteer.exact(tokens, i, p -> p.kind() == ZoneKind.STATION) instanceof Resolution.Found) {
                return true;
            }
        }
        return false;
    }

    /** The unstructured report an officer reads: what was guessed and why it was not understood. */
    static SmsCommand.Triage triage(Language lang, Resolution place, HazardWords.Match hazard, SmsCommand.Problem problem) {
        Place p = place instanceof Resolution.Found f ? f.place() : null;
        String reason;
        if (problem != null) {
            reason = problem.reason();
        } else if (hazard == null) {
            reason = "names a place but no report was recognised";
        } else if (p == null) {
            reason = "hazard words (" + String.join(", ", hazard.words()) + ") but no known place";
        } else {
            reason = "only weak hazard words (" + String.join(", ", hazard.words()) + ")";
        }
        return new SmsCommand.Triage(lang, p, hazard == null ? null : hazard.type(), hazard == null ? List.of() : hazard.words(),
                reason, problem);
    }
}
