package org.bourtol.notifier.sms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.text.Catalogue;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.notifier.escalation.Planner;

/**
 * SMS texts from translator-editable files {@code templates_<lang>.properties} (UTF-8): first the
 * operator's templates directory ({@code notifier.templatesDir}, read and checked at startup by
 * {@link #load}), then the files bundled in {@code org/bourtol/notifier/sms/} (fr, en), per language.
 * A new language is a new file in the directory; unknown languages fall back to French.
 * A text is rendered from the most specific key (role variant first), with the alert's own headline
 * and instruction in the recipient's language when the rules provided them, transliterated to GSM-7,
 * and shortened step by step (short instruction, ".short" variant, truncated headline) until it fits
 * one segment. Several items become one grouped SMS: one line per item with its facts (the rules'
 * headline: place and level or count) and its code, then one shared instruction line. Facts are never
 * dropped to save space: {@link #split} packs items into grouped SMS of at most {@link #GROUP_SEGMENTS}
 * segment and starts another SMS for the items that do not fit (an item alone gets the full
 * single-alert text). Pure apart from the file reads.
 */
public final class Templates {

    public static final String FALLBACK = "fr";
    /** The bundled files ({@code templates_<lang>.properties} on the classpath next to this class). */
    private static final Catalogue BUNDLE = Catalogue.of(Templates.class, "templates");
    /** The languages bundled in the jars (checked at startup like the directory's files). */
    public static final Set<String> BUNDLED = BUNDLE.languages();
    /** Segment budget of a grouped SMS; items beyond it go to another SMS rather than losing facts. */
    public static final int GROUP_SEGMENTS = 1;

    /**
     * Segment budget of an officer-issued warning's SMS: the officer's own words are sent in full in up
     * to two segments (a draft whose text does not fit is refused, see {@link #segmentsOf}).
     */
    public static final int ISSUED_SEGMENTS = 2;

    /** A rendered SMS. */
    public record Rendered(String text, int segments, String language) {
    }

    /** One SMS to send: the items it covers and its text. */
    public record Message(List<Planner.Due> dues, Rendered rendered) {
    }

    private final Map<String, Optional<Properties>> cache = new ConcurrentHashMap<>();
    /** The templates directory's files by language (used before the bundled ones). */
    private final Map<String, Properties> files;

    /** The bundled templates only, loaded on first use and not checked (tests; see {@link #load}). */
    public Templates() {
        this(Map.of());
    }

    private Templates(Map<String, Properties> files) {
        this.files = Map.copyOf(files);
    }

    /**
     * Reads every {@code templates_<lang>.properties} of the directory (null: none) and checks them and
     * the bundled files with {@link TemplateCheck}.
     *
     * @throws ConfigException listing every problem, each naming the file and the key
     */
    public static Templates load(Path dir) {
        List<String> problems = new ArrayList<>();
        Map<String, Properties> files = dir == null ? Map.of() : TemplateFiles.read(dir, problems);
        Templates t = new Templates(files);
        for (String lang : BUNDLED) {
            if (!files.containsKey(lang)) {
                Properties p = t.bundle(lang).orElseThrow(() -> new IllegalStateException("bundled templates_" + lang + " missing"));
                problems.addAll(TemplateCheck.problems("bundled templates_" + lang + ".properties", p));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return t;
    }

    /** The languages with templates: the directory's and the bundled ones. */
    public Set<String> languages() {
        Set<String> out = new TreeSet<>(files.keySet());
        BUNDLED.stream().filter(l -> bundle(l).isPresent()).forEach(out::add);
        return out;
    }

    /** True when the language has a template file (so recipients may use it). */
    public boolean knows(String language) {
        return bundle(language).isPresent();
    }

    /**
     * The text of one SMS covering all the given items: the single-alert text for one item (shortened
     * to one segment as above), else the grouped text with every fact, whatever its length.
     */
    public Rendered render(String language, String role, List<Planner.Due> dues) {
        String lang = language(language);
        Properties p = bundle(lang).orElseThrow(() -> new IllegalStateException("no templates for " + FALLBACK));
        return dues.size() == 1 ? single(p, lang, role, dues.get(0)) : group(p, lang, dues);
    }

    /**
     * Splits the items, in order, into SMS: each grouped SMS takes as many items as fit in
     * {@link #GROUP_SEGMENTS} segment(s) with every fact, code and the instruction line; an item that
     * fits with neither neighbour is sent alone with the full single-alert text. Deterministic.
     */
    public List<Message> split(String language, String role, List<Planner.Due> dues) {
        String lang = language(language);
        Properties p = bundle(lang).orElseThrow(() -> new IllegalStateException("no templates for " + FALLBACK));
        List<Message> out = new ArrayList<>();
        List<Planner.Due> chunk = new ArrayList<>();
        for (Planner.Due d : dues) {
            if (!chunk.isEmpty()) {
                List<Planner.Due> more = new ArrayList<>(chunk);
                more.add(d);
                if (group(p, lang, more).segments() <= GROUP_SEGMENTS) {
                    chunk = more;
                    continue;
                }
                out.add(message(p, lang, role, chunk));
            }
            chunk = new ArrayList<>(List.of(d));
        }
        if (!chunk.isEmpty()) {
            out.add(message(p, lang, role, chunk));
        }
        return out;
    }

    private Message message(Properties p, String lang, String role, List<Planner.Due> dues) {
        return new Message(List.copyOf(dues), dues.size() == 1 ? single(p, lang, role, dues.get(0)) : group(p, lang, dues));
    }

    private String language(String language) {
        return bundle(language).isPresent() ? language : FALLBACK;
    }

    /** The grouped text: header, one line per item (facts and code), the shared instruction (long if it fits, else short). */
    private Rendered group(Properties p, String lang, List<Planner.Due> dues) {
        List<String> items = new ArrayList<>();
        Set<String> hazards = new LinkedHashSet<>();
        for (Planner.Due d : dues) {
            String key = switch (d.kind()) {
                case ALERT -> "group.item";
                case REPEAT -> "group.item.repeat";
                case ESCALATION -> "group.item.escalation";
                case ALL_CLEAR -> "group.item.allclear";
                case UPDATE -> "group.item.update";
                case CANCEL -> "group.item.cancel";
            };
            Map<String, String> v = new HashMap<>(vars(p, lang, d.alert(), headline(p, lang, d.alert()), ""));
            v.put("{fact}", fact(v.get("{place}"), v.get("{headline}")));
            String prefix = d.alert().test() ? p.getProperty("prefix.test", "TEST - ") : "";
            items.add(prefix + fill(p.getProperty(key, p.getProperty("group.item")), v));
            if (d.kind() != Planner.Kind.ALL_CLEAR && d.kind() != Planner.Kind.CANCEL) {
                hazards.add(d.alert().hazard().wire());
            }
        }
        Rendered r = null;
        for (String suffix : List.of("", ".short")) {
            List<String> instructions = new ArrayList<>();
            hazards.forEach(h -> instructions.add(p.getProperty("instruction." + h + suffix, "")));
            String instruction = String.join(" ", instructions).trim();
            String text = p.getProperty("group").replace("{n}", String.valueOf(dues.size()))
                    .replace("{items}", String.join(p.getProperty("group.separator", "\n"), items))
                    .replace("{instruction}", instruction.isEmpty() ? p.getProperty("group.noinstruction", "") : instruction);
            r = finish(text.replaceAll(" {2,}", " ").trim(), lang);
            if (r.segments() <= GROUP_SEGMENTS) {
                break;
            }
        }
        return r;
    }

    /**
     * The most segments the full first-notice text of this alert takes in a language, over the plain
     * template and its role variants, with the alert's own headline and instruction: what a draft
     * warning is checked against before it can be sent.
     */
    public int segmentsOf(String language, Alert a) {
        String lang = language(language);
        Properties p = bundle(lang).orElseThrow(() -> new IllegalStateException("no templates for " + FALLBACK));
        String instruction = a.instruction().getOrDefault(lang, p.getProperty("instruction." + a.hazard().wire(), ""));
        Map<String, String> v = vars(p, lang, a, headline(p, lang, a), instruction);
        int most = 0;
        for (String key : p.stringPropertyNames()) {
            if ((key.equals("alert") || key.startsWith("alert.")) && !key.endsWith(".short")) {
                most = Math.max(most, finish(fill(p.getProperty(key), v), lang, a, p).segments());
            }
        }
        return most;
    }

    /**
     * A notice that is about no alert (e.g. {@code capnotice}, to admins): the key's text with
     * {@code {name}} variables filled, in the recipient's language, or {@code fallback} when the
     * language's file lacks the key.
     */
    public Rendered notice(String language, String key, Map<String, String> vars, String fallback) {
        String lang = language(language);
        String text = bundle(lang).map(p -> p.getProperty(key)).orElse(fallback);
        Map<String, String> v = new HashMap<>();
        vars.forEach((k, val) -> v.put("{" + k + "}", val));
        return finish(fill(text == null ? fallback : text, v), lang);
    }

    /** The headline when it already names the place (the rules' headlines do), else "place: headline". */
    static String fact(String place, String headline) {
        return Gsm7.fold(headline).contains(Gsm7.fold(place)) ? headline : place + ": " + headline;
    }

    private Rendered single(Properties p, String lang, String role, Planner.Due d) {
        String kind = switch (d.kind()) {
            case ALERT -> "alert";
            case REPEAT -> "repeat";
            case ESCALATION -> "escalation";
            case ALL_CLEAR -> "allclear";
            case UPDATE -> "update";
            case CANCEL -> "cancel";
        };
        String full = lookup(p, kind, role, "");
        String shortKey = lookup(p, kind, role, ".short");
        Alert a = d.alert();
        String hazard = a.hazard().wire();
        String longInstr = a.instruction().getOrDefault(lang, p.getProperty("instruction." + hazard, ""));
        String shortInstr = p.getProperty("instruction." + hazard + ".short", "");
        String headline = headline(p, lang, a);
        List<String> candidates = List.of(
                fill(full, vars(p, lang, a, headline, longInstr)),
                fill(full, vars(p, lang, a, headline, shortInstr)),
                fill(shortKey, vars(p, lang, a, headline, shortInstr)));
        int budget = a.issued() != null ? ISSUED_SEGMENTS : 1;
        for (String c : candidates) {
            Rendered r = finish(c, lang, a, p);
            if (r.segments() <= budget) {
                return r;
            }
        }
        String last = candidates.get(2);
        int over = Gsm7.septets(Gsm7.transliterate(last)) - Gsm7.SINGLE_GSM;
        if (over > 0 && headline.length() > over + 3) {
            String cut = headline.substring(0, headline.length() - over - 3).trim() + "...";
            return finish(fill(shortKey, vars(p, lang, a, cut, shortInstr)), lang, a, p);
        }
        return finish(last, lang, a, p);
    }

    private static String lookup(Properties p, String kind, String role, String suffix) {
        if (role != null && p.getProperty(kind + "." + role + suffix) != null) {
            return p.getProperty(kind + "." + role + suffix);
        }
        return p.getProperty(kind + suffix, p.getProperty(kind, ""));
    }

    private static String headline(Properties p, String lang, Alert a) {
        String h = a.headline().get(lang);
        if (h == null || h.isBlank()) {
            h = p.getProperty("headline.default", "{severity}")
                    .replace("{severity}", p.getProperty("severity." + a.severity().name(), a.severity().name()));
        }
        return h.trim().replaceAll("[.\\s]+$", "");
    }

    private static Map<String, String> vars(Properties p, String lang, Alert a, String headline, String instruction) {
        String place = a.zoneName() != null ? a.zoneName() : a.zone();
        return Map.of("{hazard}", p.getProperty("hazard." + a.hazard().wire(), a.hazard().wire()), "{place}", place,
                "{headline}", headline, "{severity}", p.getProperty("severity." + a.severity().name(), a.severity().name()),
                "{instruction}", instruction, "{code}", a.code());
    }

    private static String fill(String template, Map<String, String> vars) {
        String out = template;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out.replaceAll(" {2,}", " ").replace(" .", ".").trim();
    }

    private static Rendered finish(String text, String lang, Alert a, Properties p) {
        return finish(a.test() ? p.getProperty("prefix.test", "TEST - ") + text : text, lang);
    }

    private static Rendered finish(String text, String lang) {
        String gsm = Gsm7.transliterate(text);
        return new Rendered(gsm, Gsm7.segments(gsm), lang);
    }

    /** The template file of a language, if there is one: the directory's first, else the bundled one. */
    public Optional<Properties> bundle(String language) {
        if (language == null || !language.matches("[a-z]{2,3}")) {
            return Optional.empty();
        }
        Properties own = files.get(language);
        if (own != null) {
            return Optional.of(own);
        }
        return cache.computeIfAbsent(language, Templates::loadBundled);
    }

    private static Optional<Properties> loadBundled(String language) {
        return BUNDLE.properties(language);
    }
}
