package org.bourtol.ingest.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.place.Place;
import org.bourtol.ingest.place.Resolution;
import org.bourtol.ingest.sms.Vocabulary.Keyword;
import org.bourtol.ingest.sms.Vocabulary.Word;

/**
 * The SMS grammar of docs/sms-grammar.md as a pure function: {@code parse(body, fallbackLanguage)} gives one
 * {@link SmsCommand}. Case, accents, punctuation and extra spaces are ignored; keywords, species and
 * types have French and English synonyms and tolerate small misspellings; within a command the parts
 * may come in any order ({@code TROUPEAU konna 250 bovins}); places are resolved with the
 * {@link Gazetteer}. The language is the keyword's; {@code fallback} (the reporter's language) is
 * used when the keyword says nothing (OK, or no keyword at all).
 */
public final class SmsParser {

    private static final Pattern INT = SmsTokens.INT;
    private static final Pattern DECIMAL = SmsTokens.DECIMAL;
    private static final Pattern LAT_LON = SmsTokens.LAT_LON;

    private static final java.util.Set<String> NOT_CODES = java.util.Set.of("merci", "bien", "recu", "svp", "code", "alerte", "alert",
            "thanks", "thank", "you", "got", "the", "for", "les", "des", "une", "pour", "ok", "okay", "oui", "yes", "vu", "lu");

    private final Gazetteer gazetteer;
    private final FreeText freeText;

    public SmsParser(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.freeText = new FreeText(gazetteer);
    }

    public SmsCommand parse(String body, Language fallback) {
        List<String> all = SmsTokens.tokens(body);
        if (all.isEmpty()) {
            return body != null && body.trim().equals("?") ? new SmsCommand.Help(fallback)
                    : Replies.problem(fallback, null, "empty");
        }
        List<String> tokens = Vocabulary.withoutPoliteness(all);
        if (tokens.isEmpty()) {
            return Replies.problem(fallback, null, "unknown-command");
        }
        SmsCommand response = AlertReplies.parse(tokens.get(0), body, fallback);
        if (response != null) {
            return response;
        }
        Word<Keyword> keyword = Vocabulary.approximate(Vocabulary.KEYWORDS, tokens.get(0));
        SmsCommand.Problem problem = null;
        if (keyword != null && keyword.meaning() != Keyword.HELP) {
            SmsCommand card = command(keyword, tokens.get(0), tokens.subList(1, tokens.size()), body, fallback);
            if (!(card instanceof SmsCommand.Problem p)) {
                return card;
            }
            problem = p;
        }
        HazardWords.Match hazard = HazardWords.DEFAULT.match(tokens);
        Resolution place = freeText.place(tokens);
        if (keyword != null && keyword.meaning() == Keyword.HELP && hazard == null && place == null) {
            return new SmsCommand.Help(Language.reply(keyword.language(), fallback));
        }
        Language lang = problem != null ? problem.language() : freeText.language(tokens, hazard, fallback);
        if (hazard != null && hazard.incident() && place instanceof Resolution.Found f) {
            return new SmsCommand.Alert(lang, hazard.type(), f.place(), text(body), true, hazard.confidence(), hazard.words());
        }
        if (keyword == null) {
            SmsCommand guessed = elsewhere(tokens, body, fallback);
            if (guessed == null && (hazard == null || !hazard.incident())) {
                guessed = freeText.structured(this, tokens, fallback);
            }
            if (guessed != null && !(guessed instanceof SmsCommand.Problem)) {
                return guessed;
            }
        }
        if (place instanceof Resolution.Ambiguous a && hazard != null && problem == null) {
            problem = Replies.problem(lang, Keyword.ALERT, "ambiguous-place", a.query(), a.candidates());
        }
        if (hazard != null || place instanceof Resolution.Found) {
            return FreeText.triage(lang, place, hazard, problem);
        }
        return problem != null ? problem : Replies.problem(fallback, null, "unknown-command");
    }

    /** The command a keyword written after other words starts ("Mopti niveau 6.2m", "il a plu 25 mm a Niamey"). */
    private SmsCommand elsewhere(List<String> tokens, String body, Language fallback) {
        for (int i = 1; i < tokens.size(); i++) {
            Word<Keyword> k = Vocabulary.KEYWORDS.get(tokens.get(i));
            if (k == null || k.meaning() == Keyword.HELP || (k.meaning() == Keyword.OK && i > 1)) {
                continue;
            }
            List<String> rest = new ArrayList<>(tokens);
            rest.remove(i);
            SmsCommand c = command(k, tokens.get(i), rest, body, fallback);
            return c instanceof SmsCommand.Problem ? null : c;
        }
        return null;
    }

    private SmsCommand command(Word<Keyword> keyword, String word, List<String> rest, String body, Language fallback) {
        Language lang = Language.reply(keyword.language(), fallback);
        return switch (keyword.meaning()) {
            case HERD -> herd(lang, rest);
            case ALERT -> alert(lang, rest, body);
            case LEVEL -> level(lang, rest);
            case RAIN -> rain(lang, rest);
            case OK -> ack(lang, wordsAfter(body, word));
            case HELP -> new SmsCommand.Help(lang);
        };
    }

    /** The body's words after {@code word}, split only at spaces and punctuation: alert codes are read as typed ("7KAC"). */
    private static List<String> wordsAfter(String body, String word) {
        List<String> words = List.of(Gsm7.key(body).split(" "));
        int at = words.indexOf(word);
        return at < 0 ? words : words.subList(at + 1, words.size());
    }

    private static String text(String body) {
        String text = body.trim().replaceAll("\\s+", " ");
        return text.length() > 1600 ? text.substring(0, 1600) : text;
    }

    /** The species a word names (any synonym or close misspelling), for payloads that use the SMS words. */
    public static java.util.Optional<Species> species(String word) {
        Word<Species> w = word == null ? null : Vocabulary.approximate(Vocabulary.SPECIES, Gsm7.key(word));
        return java.util.Optional.ofNullable(w == null ? null : w.meaning());
    }

    /** The report type a word names (any synonym or close misspelling). */
    public static java.util.Optional<ReportType> reportType(String word) {
        Word<ReportType> w = word == null ? null : Vocabulary.approximate(Vocabulary.TYPES, Gsm7.key(word));
        return java.util.Optional.ofNullable(w == null ? null : w.meaning());
    }

    /** The first species word, or null. */
    static Word<Species> speciesWord(List<String> tokens) {
        for (String t : tokens) {
            Word<Species> w = Vocabulary.SPECIES.get(t);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    SmsCommand herd(Language lang, List<String> tokens) {
        int dest = -1;
        for (int i = 0; i < tokens.size() && dest < 0; i++) {
            if (Vocabulary.DESTINATION.contains(tokens.get(i))) {
                dest = i;
            }
        }
        List<String> before = dest < 0 ? tokens : tokens.subList(0, dest);
        List<String> after = dest < 0 ? List.of() : tokens.subList(dest + 1, tokens.size());
        List<String> place = new ArrayList<>();
        List<Species> species = new ArrayList<>();
        long count = 0;
        boolean counted = false;
        boolean heads = false;
        String badCount = null;
        for (int i = 0; i < before.size(); i++) {
            String t = before.get(i);
            boolean nextIsCoordinate = i + 1 < before.size() && before.get(i + 1).contains(".");
            if (INT.matcher(t).matches() && !nextIsCoordinate) {
                long n = Long.parseLong(t.replaceAll("[.,]", ""));
                count += n;
                counted = true;
                if (n <= 0 || count > 100_000) {
                    badCount = t;
                }
                continue;
            }
            Word<Species> s = Vocabulary.SPECIES.get(t);
            if (s == null && i > 0 && INT.matcher(before.get(i - 1)).matches()) {
                s = Vocabulary.approximate(Vocabulary.SPECIES, t);
            }
            if (s != null) {
                if (!species.contains(s.meaning())) {
                    species.add(s.meaning());
                }
                continue;
            }
            if (Vocabulary.HEADS.contains(t)) {
                heads = true;
                continue;
            }
            if (Vocabulary.COUNT_FILLERS.contains(t) && place.isEmpty()) {
                continue;
            }
            place.add(t);
        }
        if (species.isEmpty()) {
            for (int i = 0; i < place.size(); i++) {
                Word<Species> s = Vocabulary.approximate(Vocabulary.SPECIES, place.get(i));
                if (s != null && gazetteer.resolve(place, i, p -> true) instanceof Resolution.Unknown) {
                    species.add(s.meaning());
                    place.remove(i);
                    break;
                }
            }
        }
        if (!counted) {
            return Replies.problem(lang, Keyword.HERD, "missing-count");
        }
        if (badCount != null) {
            return Replies.problem(lang, Keyword.HERD, "bad-count", badCount);
        }
        if (species.isEmpty() && heads) {
            species.add(Species.UNKNOWN);
        }
        if (species.isEmpty()) {
            return Replies.problem(lang, Keyword.HERD, "missing-species");
        }
        PlaceLookup from = findPlace(lang, Keyword.HERD, place, p -> true, "missing-place", "unknown-place");
        if (from instanceof PlaceLookup.Refused refused) {
            return refused.problem();
        }
        Place to = null;
        if (dest >= 0) {
            PlaceLookup found = findPlace(lang, Keyword.HERD, new ArrayList<>(after), p -> true, "missing-place", "unknown-destination");
            if (found instanceof PlaceLookup.Refused refused) {
                return refused.problem();
            }
            to = found.place();
        }
        Species s = species.size() == 1 ? species.get(0) : Species.MIXED;
        return new SmsCommand.Herd(lang, (int) count, s, from.place(), to);
    }

    private SmsCommand alert(Language lang, List<String> tokens, String body) {
        List<String> rest = new ArrayList<>(tokens);
        ReportType type = null;
        for (int i = 0; i < rest.size() && type == null; i++) {
            Word<ReportType> w = Vocabulary.TYPES.get(rest.get(i));
            if (w != null) {
                type = w.meaning();
                rest.remove(i);
            }
        }
        for (int i = 0; i < rest.size() && type == null; i++) {
            Word<ReportType> w = Vocabulary.approximate(Vocabulary.TYPES, rest.get(i));
            if (w != null && gazetteer.resolve(rest, i, p -> true) instanceof Resolution.Unknown) {
                type = w.meaning();
                rest.remove(i);
            }
        }
        if (type == null) {
            return Replies.problem(lang, Keyword.ALERT, "missing-type");
        }
        PlaceLookup place = findPlace(lang, Keyword.ALERT, rest, p -> true, "missing-place", "unknown-place");
        if (place instanceof PlaceLookup.Refused refused) {
            return refused.problem();
        }
        String text = body.trim().replaceAll("\\s+", " ");
        return new SmsCommand.Alert(lang, type, place.place(), text.length() > 1600 ? text.substring(0, 1600) : text);
    }

    SmsCommand level(Language lang, List<String> tokens) {
        List<String> rest = new ArrayList<>(tokens);
        Double value = SmsTokens.takeNumber(rest, "cm", "m");
        PlaceLookup station = findPlace(lang, Keyword.LEVEL, rest, p -> p.kind() == ZoneKind.STATION, "missing-station", "unknown-station");
        if (value == null) {
            return Replies.problem(lang, Keyword.LEVEL, "missing-level");
        }
        if (station instanceof PlaceLookup.Refused refused) {
            return refused.problem();
        }
        long cm = Math.round(value);
        if (cm < -500 || cm > 2000) {
            return Replies.problem(lang, Keyword.LEVEL, "bad-level", cm);
        }
        return new SmsCommand.Level(lang, station.place(), (int) cm);
    }

    SmsCommand rain(Language lang, List<String> tokens) {
        List<String> rest = new ArrayList<>(tokens);
        Double mm = SmsTokens.takeNumber(rest, "mm", null);
        PlaceLookup station = findPlace(lang, Keyword.RAIN, rest, p -> p.kind() == ZoneKind.STATION, "missing-station", "unknown-station");
        if (station instanceof PlaceLookup.Refused r && r.problem().code().equals("unknown-station")) {
            station = findPlace(lang, Keyword.RAIN, rest, x -> true, "missing-station", "unknown-station");
        }
        if (mm == null) {
            return Replies.problem(lang, Keyword.RAIN, "missing-rain");
        }
        if (station instanceof PlaceLookup.Refused refused) {
            return refused.problem();
        }
        if (mm < 0 || mm > 500) {
            return Replies.problem(lang, Keyword.RAIN, "bad-rain", number(mm));
        }
        return new SmsCommand.Rain(lang, station.place(), mm);
    }

    /** Alert codes are 3-4 characters (rules' ShortCodes); a token with a digit is preferred, common words are not codes. */
    private SmsCommand ack(Language lang, List<String> tokens) {
        for (String t : tokens) {
            if (t.matches("[a-z0-9]{3,6}") && t.matches(".*\\d.*")) {
                return new SmsCommand.Ack(lang, t.toUpperCase(Locale.ROOT));
            }
        }
        for (String t : tokens) {
            if (t.matches("[a-z]{3,4}") && !NOT_CODES.contains(t)) {
                return new SmsCommand.Ack(lang, t.toUpperCase(Locale.ROOT));
            }
        }
        return Replies.problem(lang, Keyword.OK, "missing-code");
    }

    /** What {@link #findPlace} gives: the place, or the problem to answer. */
    sealed interface PlaceLookup {
        /** The place found (only a {@link Located} has one). */
        Place place();

        record Located(Place place) implements PlaceLookup {
        }

        record Refused(SmsCommand.Problem problem) implements PlaceLookup {
            @Override
            public Place place() {
                throw new IllegalStateException("no place: " + problem.code());
            }
        }
    }

    /** A Place, or the Problem to answer; exact names anywhere in the words, close misspellings at the start. */
    private PlaceLookup findPlace(Language lang, Keyword command, List<String> tokens, Predicate<Place> filter,
                                  String missing, String unknown) {
        List<String> words = new ArrayList<>(tokens);
        while (!words.isEmpty() && Vocabulary.FILLERS.contains(words.get(0))) {
            words.remove(0);
        }
        while (!words.isEmpty() && Vocabulary.FILLERS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return new PlaceLookup.Refused(Replies.problem(lang, command, missing));
        }
        for (int i = 0; i < words.size(); i++) {
            String t = words.get(i);
            Matcher ll = LAT_LON.matcher(t);
            Resolution r = null;
            if (ll.matches()) {
                r = Gazetteer.coordinates(ll.group(1), ll.group(2));
            } else if (t.contains(".") && i + 1 < words.size() && words.get(i + 1).contains(".")
                    && DECIMAL.matcher(t).matches() && DECIMAL.matcher(words.get(i + 1)).matches()) {
                r = Gazetteer.coordinates(t, words.get(i + 1));
            }
            if (r instanceof Resolution.Found f) {
                return new PlaceLookup.Located(f.place());
            }
        }
        Resolution first = gazetteer.resolve(words, 0, filter);
        for (int i = 0; i < words.size() && !(first instanceof Resolution.Found f && f.exact()); i++) {
            if (Vocabulary.FILLERS.contains(words.get(i))) {
                continue;
            }
            Resolution r = i == 0 ? first : gazetteer.exact(words, i, filter);
            if (r instanceof Resolution.Found f && f.exact() || r instanceof Resolution.Ambiguous a && i > 0) {
                first = r;
                break;
            }
        }
        if (first instanceof Resolution.Found f) {
            return new PlaceLookup.Located(f.place());
        }
        if (first instanceof Resolution.Ambiguous a) {
            return new PlaceLookup.Refused(Replies.problem(lang, command, "ambiguous-place", a.query(), a.candidates()));
        }
        Resolution.Unknown u = (Resolution.Unknown) first;
        return new PlaceLookup.Refused(Replies.problem(lang, command, unknown, words.get(0), u.nearest()));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
