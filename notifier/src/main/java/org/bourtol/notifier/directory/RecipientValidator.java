package org.bourtol.notifier.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.QuietHours;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.Json;

/**
 * Checks a recipient document (docs/contracts.md) and collects every problem. A PUT without {@code phone}
 * keeps the stored number (without {@code active}, the stored flag; a new recipient is active), so officers can edit an entry without ever seeing the full number. Pure.
 */
public final class RecipientValidator {

    /** The outcome: a recipient, or the list of problems. */
    public record Result(Recipient recipient, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final Set<String> CHANNELS = Set.of("sms", "mqtt", "cap");

    private final Predicate<String> knownLanguage;
    private final Predicate<String> knownZone;

    public RecipientValidator(Predicate<String> knownLanguage, Predicate<String> knownZone) {
        this.knownLanguage = knownLanguage;
        this.knownZone = knownZone;
    }

    public Result validate(String id, JsonNode body, Recipient existing) {
        List<String> p = new ArrayList<>();
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            p.add("id must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (body == null || !body.isObject()) {
            return new Result(null, List.of("body must be a JSON object"));
        }
        String name = text(body, "name");
        if (name == null || name.isBlank() || name.length() > 120) {
            p.add("name is required (at most 120 characters)");
        }
        String phone = text(body, "phone");
        if (phone == null && existing != null) {
            phone = existing.phone();
        }
        Phones.problem(phone == null ? null : phone.trim()).ifPresent(p::add);
        String language = text(body, "language") == null ? "fr" : text(body, "language");
        if (!knownLanguage.test(language)) {
            p.add("language '" + language + "' has no SMS templates (add templates_" + language
                    + ".properties to the notifier.templatesDir directory and restart)");
        }
        List<String> zones = strings(body, "zones");
        if (zones.isEmpty()) {
            p.add("zones must list at least one zone id");
        }
        zones.stream().filter(z -> !knownZone.test(z)).forEach(z -> p.add("unknown zone '" + z + "'"));
        List<Hazard> hazards = new ArrayList<>();
        for (String h : strings(body, "hazards")) {
            try {
                hazards.add(Hazard.fromWire(h));
            } catch (IllegalArgumentException e) {
                p.add(e.getMessage());
            }
        }
        Severity min = null;
        if (text(body, "minSeverity") != null) {
            try {
                min = Severity.valueOf(text(body, "minSeverity"));
            } catch (IllegalArgumentException e) {
                p.add("minSeverity must be Minor, Moderate, Severe or Extreme");
            }
        }
        List<String> channels = strings(body, "channels");
        channels.stream().filter(c -> !CHANNELS.contains(c)).forEach(c -> p.add("unknown channel '" + c + "' (sms, mqtt, cap)"));
        QuietHours quiet = null;
        if (body.hasNonNull("quietHours")) {
            try {
                quiet = Json.MAPPER.treeToValue(body.get("quietHours"), QuietHours.class);
            } catch (Exception e) {
                p.add("quietHours must be {\"from\":\"HH:mm\",\"to\":\"HH:mm\"}");
            }
        }
        String tz = text(body, "timezone");
        if (tz != null) {
            try {
                ZoneId.of(tz);
            } catch (DateTimeException e) {
                p.add("timezone '" + tz + "' is not a known time zone id");
            }
        }
        JsonNode tester = body.get("tester");
        if (tester != null && !tester.isNull() && !tester.isBoolean()) {
            p.add("tester must be true or false");
        }
        JsonNode active = body.get("active");
        if (active != null && !active.isNull() && !active.isBoolean()) {
            p.add("active must be true or false");
        }
        if (!p.isEmpty()) {
            return new Result(null, p);
        }
        boolean on = active != null && active.isBoolean() ? active.asBoolean() : existing == null || existing.active();
        return new Result(new Recipient(id, name.trim(), text(body, "role"), phone.trim(), language, zones, hazards, min, channels,
                quiet, tz, tester != null && tester.asBoolean(false), on), List.of());
    }

    /** The recipient as shown to API clients and written to the audit log: the phone masked. */
    public static ObjectNode masked(Recipient r) {
        ObjectNode n = Json.MAPPER.valueToTree(r);
        n.put("phone", Phones.mask(r.phone()));
        return n;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> out = new ArrayList<>();
        JsonNode n = body.get(field);
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
