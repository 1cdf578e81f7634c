package org.bourtol.ingest.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.ingest.place.Fold;

/**
 * The words of the SMS grammar (docs/sms-grammar.md), folded: keywords with their language, species and report
 * type synonyms, including the abbreviations and misspellings seen on basic phones. Exact words are
 * looked up first; {@link #approximate} tolerates {@link Fold#tolerance} edits for longer words.
 */
final class Vocabulary {

    enum Keyword { HERD, ALERT, LEVEL, RAIN, OK, HELP }

    record Word<T>(T meaning, Language language) {
    }

    static final Map<String, Word<Keyword>> KEYWORDS = new HashMap<>();
    static final Map<String, Word<Species>> SPECIES = new HashMap<>();
    static final Map<String, Word<ReportType>> TYPES = new HashMap<>();

    /** Words around a place or a count that carry no meaning ("a Konna", "250 tetes de bovins"). */
    static final Set<String> FILLERS = Set.of("a", "au", "aux", "at", "in", "near", "pres", "de", "du", "des", "d", "l", "la",
            "le", "les", "the", "dans", "sur", "on", "en", "et", "and", "avec", "with", "of", "from", "depuis", "cote", "vers");
    static final Set<String> COUNT_FILLERS = Set.of("env", "environ", "about", "approx", "around", "ca", "plus", "de", "of", "et",
            "and", "nombre", "nbr", "un", "une", "a", "an");
    /** Words that count animals without naming the species ("150 tetes"): a herd of unknown species. */
    static final Set<String> HEADS = Set.of("tetes", "tete", "tte", "ttes", "tts", "betes", "bete", "animaux", "animal", "animals",
            "head", "heads", "kun", "kunw");
    /**
     * Greetings, politeness and sign-offs, dropped before anything is read ("Bonjour", "svp", "merci",
     * Bambara "i ni ce", Fulfulde "jam", "on jaraama"); several words are dropped only together.
     */
    static final Set<String> POLITE = Set.of("bonjour", "bonsoir", "bjr", "bsr", "bonjours", "slt", "salut", "salam", "salaam",
            "salamalekoum", "salamaleikoum", "assalamou", "assalamu", "alaikoum", "aleykoum", "alaykum", "alaikum", "svp", "stp",
            "merci", "mrc", "mci", "thanks", "thank", "thx", "please", "pls", "plz", "hello", "hi", "cher", "chere", "chef",
            "monsieur", "mr", "mme", "madame", "cordialement", "regards", "jam", "jaraama", "beaucoup", "urgent", "urgence",
            "bien", "dear", "sir", "svpl", "bnjr", "bonne", "journee");
    static final List<List<String>> POLITE_PHRASES = List.of(List.of("i", "ni", "ce"), List.of("aw", "ni", "ce"),
            List.of("i", "ni", "sogoma"), List.of("aw", "ni", "sogoma"), List.of("i", "ni", "wula"), List.of("on", "jaraama"),
            List.of("a", "jaraama"), List.of("good", "morning"), List.of("good", "evening"), List.of("thank", "you"),
            List.of("de", "la", "part", "de"), List.of("jam", "na"), List.of("jam", "waali"));
    static final Set<String> DESTINATION = Set.of("vers", "to", "direction", "dir", "destination", "dest", "towards", "toward",
            "going", "allant", "versl", "pour");

    static {
        keywords(Keyword.HERD, Language.FR, "troupeau", "troupeaux", "troupo", "troupos", "troupau", "troupaux", "troupea", "troupeu",
                "trouppeau", "troup", "trp", "trpx", "tpx", "trpo", "betail", "betails");
        keywords(Keyword.HERD, Language.EN, "herd", "herds", "hrd", "heard", "hurd", "livestock");
        keywords(Keyword.ALERT, Language.FR, "alerte", "alertes", "allerte", "alerter", "alrte", "alte", "alarme");
        keywords(Keyword.ALERT, Language.EN, "alert", "alerts", "alrt", "allert", "alarm", "warning");
        keywords(Keyword.LEVEL, Language.FR, "niveau", "niveaux", "nivo", "niv", "nivaux", "niveaus", "nveau", "echelle", "hauteur");
        keywords(Keyword.LEVEL, Language.EN, "level", "lvl", "levl", "leval", "lev", "gauge", "height");
        keywords(Keyword.RAIN, Language.FR, "pluie", "pluies", "pluis", "plui", "pluvio", "pluviometre", "pl", "plu", "pluviometrie");
        keywords(Keyword.RAIN, Language.EN, "rain", "rainfall", "rian", "rains");
        keywords(Keyword.OK, null, "ok", "okay", "oki", "okk", "confirme", "recu");
        keywords(Keyword.HELP, Language.FR, "aide", "aider", "aidez", "aid", "info", "infos", "menu", "syntaxe");
        keywords(Keyword.HELP, Language.EN, "help", "hlp", "hepl", "halp");

        species(Species.CATTLE, Language.FR, "bovins", "bovin", "bovine", "bovines", "boeufs", "boeuf", "beufs", "beuf", "boefs",
                "vaches", "vache", "vach", "zebus", "zebu", "taureaux", "taureau", "bov", "bovs", "bv", "bvs", "bvn", "bvns", "vchs");
        species(Species.CATTLE, null, "misi", "misiw", "nai", "nagge", "naggeeji", "ngaari");
        species(Species.CATTLE, Language.EN, "cattle", "cows", "cow", "bulls", "bull", "oxen", "catle", "cattles");
        species(Species.SHEEP, Language.FR, "ovins", "ovin", "moutons", "mouton", "brebis", "beliers", "ov", "ovs", "mtn", "mtns");
        species(Species.SHEEP, null, "saga", "sagaw", "baali", "mbaalu");
        species(Species.SHEEP, Language.EN, "sheep", "sheeps", "ewes", "rams", "lambs");
        species(Species.GOATS, Language.FR, "caprins", "caprin", "chevres", "chevre", "chevr", "chevrs", "cabris", "cabri",
                "boucs", "bouc", "cap", "cp", "cps", "chvr", "chvrs", "chv", "cpr", "cprs");
        species(Species.GOATS, null, "baw", "bei", "mbeewa", "beyi");
        species(Species.GOATS, Language.EN, "goats", "goat", "gots");
        species(Species.CAMELS, Language.FR, "camelins", "camelin", "chameaux", "chameau", "chamaux", "chamo", "chamos",
                "dromadaires", "dromadaire", "cam", "cml", "cmls", "chmx", "chmo");
        species(Species.CAMELS, null, "nogome", "nogomew", "ngelooba", "gelodi", "geloobi");
        species(Species.DONKEYS, Language.FR, "anes", "ane", "asins", "asin", "baudets", "baudet", "bourricots");
        species(Species.DONKEYS, Language.EN, "donkeys", "donkey", "asses");
        species(Species.DONKEYS, null, "fali", "faliw", "mbabba", "babbaaji");
        species(Species.CAMELS, Language.EN, "camels", "camel", "camles", "dromedaries");
        species(Species.MIXED, Language.FR, "mixte", "mixtes", "melange", "melanges", "divers", "ruminants");
        species(Species.MIXED, Language.EN, "mixed", "mix", "mixt");

        types(ReportType.CLASH, "conflit", "conflits", "confli", "conflt", "clash", "clashes", "affrontement", "affrontements",
                "bagarre", "bagarres", "fight", "fighting", "attaque", "attack", "violence", "violences");
        types(ReportType.TENSION, "tension", "tensions", "tensio", "dispute", "menace", "menaces", "threat");
        types(ReportType.DAMAGE, "degats", "degat", "degas", "dega", "damage", "damages", "destruction", "ravage", "ravages");
        types(ReportType.THEFT, "vol", "vols", "theft", "thefts", "stolen", "voleurs", "voleur", "razzia", "rustling");
        types(ReportType.FLOOD, "inondation", "inondations", "innondation", "inondasion", "inond", "flood", "floods", "flooding",
                "crue", "crues");
        types(ReportType.WATER, "eau", "eaux", "water");
        types(ReportType.DISEASE, "maladie", "maladies", "malade", "disease", "sick", "sickness", "epidemie", "epizootie");
        types(ReportType.FIRE, "feu", "feux", "fire", "fires", "incendie", "incendies", "bushfire", "brulis");
    }

    private Vocabulary() {
    }

    private static void keywords(Keyword k, Language lang, String... words) {
        for (String w : words) {
            KEYWORDS.put(w, new Word<>(k, lang));
        }
    }

    private static void species(Species s, Language lang, String... words) {
        for (String w : words) {
            SPECIES.put(w, new Word<>(s, lang));
        }
    }

    private static void types(ReportType t, String... words) {
        for (String w : words) {
            TYPES.put(w, new Word<>(t, null));
        }
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
