package org.bourtol.notifier.sms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.text.Gsm7;

/**
 * Checks one translator-edited template file before it is used, so that a mistake is a clear startup
 * error rather than a broken SMS: every required key present and not blank, only known keys and
 * placeholders, the acknowledgement {@code {code}} in every text that asks for an {@code OK}, and every
 * character representable in GSM-7 after transliteration (a character that would be sent as {@code ?}
 * is named). Each problem names the file and the key. Pure.
 */
public final class TemplateCheck {

    static final List<String> KINDS = List.of("alert", "repeat", "escalation", "allclear", "update", "cancel");
    static final Set<String> FAMILIES = Set.of("alert", "repeat", "escalation", "allclear", "update", "cancel", "hazard", "severity",
            "instruction", "headline", "group", "prefix", "capnotice");
    private static final Set<String> TEXT_VARS = Set.of("hazard", "place", "headline", "severity", "instruction", "code");
    private static final Set<String> ITEM_VARS = Set.of("fact", "hazard", "place", "headline", "severity", "code");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private TemplateCheck() {
    }

    /** Every key a template file must define (role variants such as {@code alert.authority} are optional). */
    public static List<String> requiredKeys() {
        List<String> keys = new ArrayList<>();
        for (String kind : KINDS) {
            keys.add(kind);
            keys.add(kind + ".short");
        }
        for (Hazard h : Hazard.values()) {
            keys.add("hazard." + h.wire());
            keys.add("instruction." + h.wire());
            keys.add("instruction." + h.wire() + ".short");
        }
        for (Severity s : Severity.values()) {
            keys.add("severity." + s.name());
        }
        keys.addAll(List.of("headline.default", "group", "group.item", "group.item.repeat", "group.item.escalation",
                "group.item.allclear", "group.noinstruction"));
        return keys;
    }

    /** The problems of one file, each starting with {@code file}; empty when the file is usable. */
    public static List<String> problems(String file, Properties p) {
        List<String> out = new ArrayList<>();
        for (String key : requiredKeys()) {
            String v = p.getProperty(key);
            if (v == null || v.isBlank()) {
                out.add(file + ": missing key '" + key + "'");
            }
        }
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String family = key.split("\\.", 2)[0];
            if (!FAMILIES.contains(family)) {
                out.add(file + ": unknown key '" + key + "' (keys start with " + String.join(", ", new TreeSet<>(FAMILIES)) + ")");
                continue;
            }
            String value = p.getProperty(key);
            Set<String> allowed = allowedVars(key);
            Set<String> unknown = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (!allowed.contains(m.group(1))) {
                    unknown.add("{" + m.group(1) + "}");
                }
            }
            if (!unknown.isEmpty()) {
                out.add(file + ": key '" + key + "' uses unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(" ", unknown) + (allowed.isEmpty() ? " (none allowed)"
                                : " (allowed: " + String.join(" ", new TreeSet<>(allowed).stream().map(v -> "{" + v + "}").toList()) + ")"));
            }
            if (needsCode(key) && !value.contains("{code}")) {
                out.add(file + ": key '" + key + "' must contain {code} (the recipient acknowledges with OK <code>)");
            }
            Set<String> lost = notGsm7(PLACEHOLDER.matcher(value).replaceAll(""));
            if (!lost.isEmpty()) {
                out.add(file + ": key '" + key + "' has characters with no GSM-7 equivalent, sent as '?': " + String.join(" ", lost)
                        + " (write them in the Latin alphabet, e.g. ny for \u0272)");
            }
        }
        return out;
    }

    private static Set<String> allowedVars(String key) {
        if (key.equals("capnotice")) {
            return Set.of("limit");
        }
        if (key.equals("group")) {
            return Set.of("n", "items", "instruction");
        }
        if (key.startsWith("group.item")) {
            return ITEM_VARS;
        }
        if (key.startsWith("group.") || key.startsWith("hazard.") || key.startsWith("prefix.") || key.startsWith("severity.") || key.startsWith("instruction.")) {
            return Set.of();
        }
        if (key.equals("headline.default")) {
            return Set.of("severity");
        }
        return TEXT_VARS;
    }

    /** Texts that ask for an acknowledgement: every alert, repeat and escalation text and grouped line. */
    private static boolean needsCode(String key) {
        String family = key.split("\\.", 2)[0];
        return family.equals("alert") || family.equals("repeat") || family.equals("escalation") || family.equals("update")
                || key.equals("group.item") || key.equals("group.item.update") || key.equals("group.item.repeat") || key.equals("group.item.escalation");
    }

    /** The characters that transliteration cannot map to GSM-7 (they would be sent as '?'). */
    static Set<String> notGsm7(String text) {
        Set<String> lost = new LinkedHashSet<>();
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (!c.equals("?") && Gsm7.transliterate(c).contains("?")) {
                lost.add(c);
            }
        });
        return lost;
    }
}
