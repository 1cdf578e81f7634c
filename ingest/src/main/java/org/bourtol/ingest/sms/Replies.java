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
 * Reply texts in every language of {@code replies_<lang>.properties}, always one GSM-7 segment: accents are transliterated and
 * variable parts (place names, echoed words) shortened until the text fits. Only receipts start with
 * {@code Recu <code>:} / {@code Received <code>:}. Pure.
 */
public final class Replies {

    static final int NAME_MAX = 24;

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
        if (command instanceof SmsCommand.Help || command instanceof SmsCommand.Problem) {
            return command instanceof SmsCommand.Problem p ? p.reply() : help(lang);
        }
        String head = text(lang, "receipt.head", "receipt", receipt) + " ";
        if (command instanceof SmsCommand.Triage t) {
            return triage(t, head);
        }
        String tail = " " + TEXTS.raw(lang.tag(), "receipt.thanks");
        // the card is what the sender types: in the sender's language when the grammar has its keywords and its
        // replies file its card texts, else in French
        Language grammar = lang.hasKeywords() && TEXTS.has(lang.tag(), "card.level") ? lang
                : Language.FR;
        String body;
        String card = null;
        if (command instanceof SmsCommand.Herd h) {
            String to = h.to() == null ? "" : ".to";
            body = text(lang, "receipt.herd" + to, "count", h.count(), "species", species(h.species(), lang), "place", name(h.place()),
                    "to", h.to() == null ? "" : name(h.to()));
            card = text(grammar, "card.herd" + to, "count", h.count(), "species", h.species() == Species.UNKNOWN
                    ? TEXTS.raw(grammar.tag(), "card.species-unknown") : species(h.species(), grammar), "place", name(h.place()),
                    "to", h.to() == null ? "" : name(h.to()));
        } else if (command instanceof SmsCommand.Alert a) {
            body = text(lang, "receipt.alert", "type", type(a.type(), lang), "place", name(a.place()));
            card = text(grammar, "card.alert", "type", cardType(a.type(), grammar), "place", name(a.place()));
        } else if (command instanceof SmsCommand.Level l) {
            body = text(lang, "receipt.level", "station", name(l.station()), "cm", l.cm());
            card = text(grammar, "card.level", "station", name(l.station()), "cm", l.cm());
        } else if (command instanceof SmsCommand.Rain r) {
            body = text(lang, "receipt.rain", "station", name(r.station()), "mm", number(r.mm()));
            card = text(grammar, "card.rain", "station", name(r.station()), "mm", number(r.mm()));
        } else {
            SmsCommand.Ack a = (SmsCommand.Ack) command;
            // neutral: ingest cannot know yet whether the sender was sent that alert (the notifier decides;
            // a stranger's OK stops nothing), so the reply must not tell anyone the alert is acknowledged
            body = text(lang, "receipt.ack", "code", a.code());
        }
        if (card != null) {
            String correct = " " + text(lang, "receipt.wrong", "card", card);
            return fit(head + body + correct, head + body + tail, head + body);
        }
        return fit(head + body + tail, head + body);
    }

    /** {@code key} in {@code lang} filled from name/value pairs. */
    private static String text(Language lang, String key, Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return TEXTS.text(lang.tag(), key, vars);
    }

    private static String triage(SmsCommand.Triage t, String head) {
        Language lang = t.language();
        List<String> guessed = new java.util.ArrayList<>();
        if (t.type() != null) {
            guessed.add(type(t.type(), lang) + "?");
        }
        if (t.place() != null) {
            guessed.add(name(t.place()) + "?");
        }
        String main = head + text(lang, "receipt.triage", "guessed", guessed.isEmpty() ? "" : " (" + String.join(" ", guessed) + ")");
        if (t.problem() != null) {
            return fit(main + " " + t.problem().reply(), main + " " + t.problem().hint(), main);
        }
        return fit(main + " " + TEXTS.raw(lang.tag(), "receipt.triage.example"), main);
    }

    /** The card's keyword for a type ({@code CONFLIT} / {@code CLASH}). */
    static String cardType(ReportType t, Language lang) {
        return TEXTS.raw(lang.tag(), "card.type." + t.name());
    }

    static String species(Species s, Language lang) {
        return TEXTS.raw(lang.tag(), "species." + s.name());
    }

    static String type(ReportType t, Language lang) {
        return TEXTS.raw(lang.tag(), "type." + t.name());
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
