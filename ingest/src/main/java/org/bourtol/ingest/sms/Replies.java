package org.bourtol.ingest.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.text.Catalogue;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.ingest.place.Place;

/**
 * Reply texts in French and English, always one GSM-7 segment: accents are transliterated and
 * variable parts (place names, echoed words) shortened until the text fits. Only receipts start with
 * {@code Recu <code>:} / {@code Received <code>:}. Pure.
 */
public final class Replies {

    static final int NAME_MAX = 24;

    /** Problem templates: code → {French, English}; {@code %s} slots are filled in order. */
    /** The reply texts: {@code replies_<lang>.properties} next to this class. */
    static final Catalogue TEXTS = Catalogue.of(Replies.class, "replies");

    private Replies() {
    }

    /** A problem for {@code command} (null: no command recognised), with the reply in {@code lang} and the reason in English. */
    static SmsCommand.Problem problem(Language lang, Vocabulary.Keyword command, String code, Object... args) {
        return new SmsCommand.Problem(lang, code, render(lang, command, code, args), render(Language.EN, command, code, args),
                fit(main(lang, code, args), main(lang, code, args)));
    }

    private static String main(Language lang, String code, Object... args) {
        Map<String, Object> slots = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            slots.put(String.valueOf(i + 1), args[i] instanceof List<?> l ? candidates(lang, l, code.startsWith("ambiguous"))
                    : shorten(String.valueOf(args[i]), 20));
        }
        return TEXTS.text(lang.tag(), "problem." + code, slots);
    }

    static String render(Language lang, Vocabulary.Keyword command, String code, Object... args) {
        String main = main(lang, code, args);
        String example = TEXTS.raw(lang.tag(), "example." + (command == null ? Vocabulary.Keyword.HELP : command).name());
        return fit(main + " Ex: " + example, main);
    }

    private static String candidates(Language lang, List<?> places, boolean choice) {
        if (places.isEmpty()) {
            return "";
        }
        String label = TEXTS.raw(lang.tag(), choice ? "candidates.choice" : "candidates.nearest");
        StringBuilder out = new StringBuilder(label);
        for (int i = 0; i < places.size(); i++) {
            Place p = (Place) places.get(i);
            out.append(i == 0 ? "" : ", ").append(shorten(distinctName(p, places), 18));
        }
        return out.append('.').toString();
    }

    /**
     * The place's name, or its zone id when another candidate has the same name: "Precisez: Kona, Kona"
     * would leave the sender no way to choose, while the id is a gazetteer key they can send back.
     */
    private static String distinctName(Place p, List<?> places) {
        long same = places.stream().filter(o -> ((Place) o).name().equalsIgnoreCase(p.name())).count();
        return same > 1 && p.zoneId() != null ? p.zoneId() : p.name();
    }

    public static String help(Language lang) {
        return fit(TEXTS.raw(lang.tag(), "help"));
    }

    public static String rateLimited(Language lang) {
        return TEXTS.raw(lang.tag(), "rate-limited");
    }

    /**
     * The receipt for an understood command; {@code receipt} is the short code given back to the sender.
     * It restates what was understood and, when it fits, the card form to send if that is wrong
     * ({@code Erreur? Envoyez: ALERTE CONFLIT Konna}). A message for triage gets the code and
     * "an officer will read it", with the problem when one was found.
     */
    public static String receipt(SmsCommand command, String receipt) {
        Language lang = command.language();
        boolean fr = lang == Language.FR;
        String head = (fr ? "Recu " : "Received ") + receipt + ": ";
        String tail = fr ? " Merci." : " Thank you.";
        if (command instanceof SmsCommand.Help || command instanceof SmsCommand.Problem) {
            return command instanceof SmsCommand.Problem p ? p.reply() : help(lang);
        }
        if (command instanceof SmsCommand.Triage t) {
            return triage(t, head);
        }
        String body;
        String card = null;
        if (command instanceof SmsCommand.Herd h) {
            body = h.count() + " " + species(h.species(), lang) + (fr ? " a " : " at ") + name(h.place())
                    + (h.to() == null ? "" : (fr ? " vers " : " to ") + name(h.to())) + ".";
            card = (fr ? "TROUPEAU " : "HERD ") + h.count() + " " + (h.species() == Species.UNKNOWN ? (fr ? "<espece>" : "<species>")
                    : species(h.species(), lang)) + " " + name(h.place()) + (h.to() == null ? "" : (fr ? " VERS " : " TO ") + name(h.to()));
        } else if (command instanceof SmsCommand.Alert a) {
            body = fr ? "alerte " + type(a.type(), lang) + " a " + name(a.place()) + "."
                    : type(a.type(), lang) + " alert at " + name(a.place()) + ".";
            card = (fr ? "ALERTE " : "ALERT ") + cardType(a.type(), lang) + " " + name(a.place());
        } else if (command instanceof SmsCommand.Level l) {
            body = (fr ? "niveau " : "level ") + name(l.station()) + " " + l.cm() + " cm.";
            card = (fr ? "NIVEAU " : "LEVEL ") + name(l.station()) + " " + l.cm();
        } else if (command instanceof SmsCommand.Rain r) {
            body = (fr ? "pluie " : "rain ") + name(r.station()) + " " + number(r.mm()) + " mm.";
            card = (fr ? "PLUIE " : "RAIN ") + name(r.station()) + " " + number(r.mm());
        } else {
            SmsCommand.Ack a = (SmsCommand.Ack) command;
            // neutral: ingest cannot know yet whether the sender was sent that alert (the notifier decides;
            // a stranger's OK stops nothing), so the reply must not tell anyone the alert is acknowledged
            body = fr ? "OK recu pour l'alerte " + a.code() + "." : "OK for alert " + a.code() + " received.";
        }
        if (card != null) {
            String correct = (fr ? " Erreur? Envoyez: " : " Wrong? Send: ") + card;
            return fit(head + body + correct, head + body + tail, head + body);
        }
        return fit(head + body + tail, head + body);
    }

    private static String triage(SmsCommand.Triage t, String head) {
        boolean fr = t.language() == Language.FR;
        List<String> guessed = new java.util.ArrayList<>();
        if (t.type() != null) {
            guessed.add(type(t.type(), t.language()) + "?");
        }
        if (t.place() != null) {
            guessed.add(name(t.place()) + "?");
        }
        String main = head + (fr ? "un agent va lire votre message" : "an officer will read your message")
                + (guessed.isEmpty() ? "" : " (" + String.join(" ", guessed) + ")") + ".";
        if (t.problem() != null) {
            return fit(main + " " + t.problem().reply(), main + " " + t.problem().hint(), main);
        }
        return fit(main + (fr ? " Pour une alerte: ALERTE CONFLIT Konna" : " For an alert: ALERT CLASH Konna"), main);
    }

    /** The card's keyword for a type ({@code CONFLIT} / {@code CLASH}). */
    static String cardType(ReportType t, Language lang) {
        String[] fr = {"CONFLIT", "TENSION", "DEGATS", "VOL", "INONDATION", "EAU", "MALADIE", "FEU"};
        return lang == Language.FR ? fr[t.ordinal()] : t.name();
    }

    static String species(Species s, Language lang) {
        boolean fr = lang == Language.FR;
        return switch (s) {
            case CATTLE -> fr ? "bovins" : "cattle";
            case SHEEP -> fr ? "ovins" : "sheep";
            case GOATS -> fr ? "caprins" : "goats";
            case CAMELS -> fr ? "camelins" : "camels";
            case DONKEYS -> fr ? "anes" : "donkeys";
            case MIXED -> fr ? "betail mixte" : "mixed livestock";
            case UNKNOWN -> fr ? "tetes (espece?)" : "head (species?)";
        };
    }

    static String type(ReportType t, Language lang) {
        return switch (t) {
            case CLASH -> lang == Language.FR ? "conflit" : "clash";
            case TENSION -> "tension";
            case DAMAGE -> lang == Language.FR ? "degats" : "crop damage";
            case THEFT -> lang == Language.FR ? "vol de betail" : "livestock theft";
            case FLOOD -> lang == Language.FR ? "inondation" : "flood";
            case WATER -> lang == Language.FR ? "point d'eau" : "water point";
            case DISEASE -> lang == Language.FR ? "maladie" : "disease";
            case FIRE -> lang == Language.FR ? "feu de brousse" : "bushfire";
        };
    }

    private static String name(Place p) {
        return shorten(p.name(), NAME_MAX);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String shorten(String s, int max) {
        String t = Gsm7.transliterate(s);
        return t.length() <= max ? t : t.substring(0, max - 1) + ".";
    }

    /** The first text that fits one segment (transliterated), else the last one cut to fit. */
    static String fit(String... options) {
        for (String o : options) {
            String t = Gsm7.transliterate(o);
            if (Gsm7.fitsOneSegment(t)) {
                return t;
            }
        }
        String f = Gsm7.transliterate(options[options.length - 1]);
        while (!Gsm7.fitsOneSegment(f)) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
