package org.bourtol.notifier.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.notifier.escalation.Planner;

/**
 * SMS texts from translator-editable files {@code org/bourtol/notifier/sms/templates_<lang>.properties}
 * (UTF-8; a new language is a new file, loaded on first use; unknown languages fall back to French).
 * A text is rendered from the most specific key (role variant first), with the alert's own headline
 * and instruction in the recipient's language when the rules provided them, transliterated to GSM-7,
 * and shortened step by step (short instruction, ".short" variant, truncated headline) until it fits
 * one segment. Pure apart from the lazy file cache.
 */
public final class Templates {

    public static final String FALLBACK = "fr";

    /** A rendered SMS. */
    public record Rendered(String text, int segments, String language) {
    }

    private final Map<String, Optional<Properties>> cache = new ConcurrentHashMap<>();

    public Rendered render(String language, String role, List<Planner.Due> dues) {
        String lang = bundle(language).isPresent() ? language : FALLBACK;
        Properties p = bundle(lang).orElseThrow(() -> new IllegalStateException("no templates for " + FALLBACK));
        if (dues.size() == 1) {
            return single(p, lang, role, dues.get(0));
        }
        List<String> items = new ArrayList<>();
        for (Planner.Due d : dues) {
            String key = d.kind() == Planner.Kind.ALL_CLEAR ? "group.item.allclear" : "group.item";
            items.add(fill(p.getProperty(key), vars(p, lang, d.alert(), "", "")));
        }
        String text = p.getProperty("group").replace("{n}", String.valueOf(dues.size()))
                .replace("{items}", String.join(p.getProperty("group.separator", " / "), items));
        return finish(text, lang);
    }

    private Rendered single(Properties p, String lang, String role, Planner.Due d) {
        String kind = switch (d.kind()) {
            case ALERT -> "alert";
            case REPEAT -> "repeat";
            case ESCALATION -> "escalation";
            case ALL_CLEAR -> "allclear";
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
        for (String c : candidates) {
            Rendered r = finish(c, lang);
            if (r.segments() == 1) {
                return r;
            }
        }
        String last = candidates.get(2);
        int over = Gsm7.septets(Gsm7.transliterate(last)) - Gsm7.SINGLE_GSM;
        if (over > 0 && headline.length() > over + 3) {
            String cut = headline.substring(0, headline.length() - over - 3).trim() + "...";
            return finish(fill(shortKey, vars(p, lang, a, cut, shortInstr)), lang);
        }
        return finish(last, lang);
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

    private static Rendered finish(String text, String lang) {
        String gsm = Gsm7.transliterate(text);
        return new Rendered(gsm, Gsm7.segments(gsm), lang);
    }

    /** The raw template file of a language, if there is one. */
    public Optional<Properties> bundle(String language) {
        if (language == null || !language.matches("[a-z]{2,3}")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(language, Templates::load);
    }

    private static Optional<Properties> load(String language) {
        try (InputStream in = Templates.class.getResourceAsStream("templates_" + language + ".properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
