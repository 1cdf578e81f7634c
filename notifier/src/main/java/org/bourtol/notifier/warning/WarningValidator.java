package org.bourtol.notifier.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Certainty;
import org.bourtol.contracts.alert.Issued;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.sms.Templates;
import org.bourtol.platform.geo.GeoJson;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Checks a warning document (a new draft, or a stored warning with a PATCH applied) and collects every
 * problem, each starting with the field it is about: {@code hazard}, {@code severity} (required),
 * {@code urgency} (default Immediate), {@code certainty} (default Likely), {@code zones} and/or
 * {@code area} (at least one; see {@link WarningArea}), {@code headline.fr} and {@code headline.en}
 * (required; other languages need a template file), {@code instruction.<lang>} (optional: the
 * template's instruction for the hazard otherwise), {@code expiresAt} (required, in the future, at
 * most {@link #MAX_LIFETIME} ahead) and {@code test}. The first-notice SMS must fit
 * {@link Templates#ISSUED_SEGMENTS} segments in every language and role variant. Pure.
 */
public final class WarningValidator {

    static final Duration MAX_LIFETIME = Duration.ofDays(30);
    static final int MAX_TEXT = 480;
    /** A placeholder code as long as the longest real one, to measure the SMS before a code exists. */
    private static final String LONGEST_CODE = "XXXX";

    /** The outcome: a warning, or the problems. */
    public record Result(Warning warning, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Templates templates;
    private final Supplier<Map<String, Zone>> zones;

    public WarningValidator(Templates templates, Supplier<Map<String, Zone>> zones) {
        this.templates = templates;
        this.zones = zones;
    }

    /**
     * @param body   the draft, or the stored warning as JSON with the PATCH's fields applied
     * @param before the stored warning (null for a new draft): id, author, state and version come from it
     */
    public Result validate(JsonNode body, Warning before, String id, String actor, String office, Instant now) {
        List<String> p = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Result(null, List.of("body: must be a JSON object"));
        }
        Hazard hazard = parse(p, "hazard", body, Hazard::fromWire, null, "flood or conflict");
        Severity severity = parse(p, "severity", body, Severity::valueOf, null, "Minor, Moderate, Severe or Extreme");
        Urgency urgency = parse(p, "urgency", body, Urgency::valueOf, Urgency.Immediate, "Immediate, Expected, Future, Past or Unknown");
        Certainty certainty = parse(p, "certainty", body, Certainty::valueOf, Certainty.Likely,
                "Observed, Likely, Possible, Unlikely or Unknown");
        Map<String, Zone> all = zones.get();
        Set<String> zoneIds = new LinkedHashSet<>();
        List<String> explicit = new ArrayList<>();
        List<Geometry> shapes = new ArrayList<>();
        JsonNode zs = body.get("zones");
        if (zs != null && !zs.isNull()) {
            if (!zs.isArray()) {
                p.add("zones: must be a list of zone ids");
            } else {
                zs.forEach(z -> {
                    if (all.containsKey(z.asText())) {
                        zoneIds.add(z.asText());
                        explicit.add(z.asText());
                    } else {
                        p.add("zones: unknown zone '" + z.asText() + "'");
                    }
                });
            }
        }
        JsonNode area = body.get("area");
        if (area != null && !area.isNull()) {
            try {
                WarningArea.Drawn drawn = WarningArea.resolve(area, all);
                zoneIds.addAll(drawn.zones());
                shapes.add(GeoJson.read(drawn.geometry()));
            } catch (IllegalArgumentException e) {
                p.add("area: " + e.getMessage());
            }
        }
        if (zoneIds.isEmpty() && p.stream().noneMatch(x -> x.startsWith("zones") || x.startsWith("area"))) {
            p.add("zones: give at least one zone id, or draw an area");
        }
        Map<String, String> headline = texts(p, body, "headline", true);
        Map<String, String> instruction = texts(p, body, "instruction", false);
        Instant expiresAt = null;
        String exp = body.path("expiresAt").asText(null);
        if (exp == null) {
            p.add("expiresAt: required (ISO-8601 time, e.g. 2026-12-05T18:00:00Z)");
        } else {
            try {
                expiresAt = Instant.parse(exp);
                if (!expiresAt.isAfter(now)) {
                    p.add("expiresAt: must be in the future");
                } else if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
                    p.add("expiresAt: at most " + MAX_LIFETIME.toDays() + " days ahead");
                }
            } catch (DateTimeParseException e) {
                p.add("expiresAt: '" + exp + "' is not an ISO-8601 time such as 2026-12-05T18:00:00Z");
            }
        }
        JsonNode testNode = body.get("test");
        if (testNode != null && !testNode.isNull() && !testNode.isBoolean()) {
            p.add("test: must be true or false");
        }
        boolean test = testNode != null && testNode.asBoolean(false);
        if (before != null && before.state() != Warning.State.DRAFT && test != before.test()) {
            p.add("test: cannot change once the warning is approved");
        }
        if (!p.isEmpty()) {
            return new Result(null, p);
        }
        List<String> ids = List.copyOf(zoneIds);
        JsonNode geometry = shapes.isEmpty() ? WarningArea.geometryOf(ids, all)
                : explicit.isEmpty() ? GeoJson.write(shapes.get(0)) : union(shapes.get(0), explicit, all);
        String place = String.join(", ", ids.stream().map(z -> all.get(z).name()).toList());
        Warning w = before == null
                ? new Warning(id, Warning.State.DRAFT, 1, hazard, severity, urgency, certainty, ids, place, area, geometry, headline,
                        instruction, expiresAt, test, office, actor, null, null, now, now)
                : new Warning(before.id(), before.state(), before.version() + 1, hazard, severity, urgency, certainty, ids, place, area,
                        geometry, headline, instruction, expiresAt, test, before.office(), before.author(), before.approvedBy(), null,
                        before.createdAt(), now);
        smsFits(w, p);
        return p.isEmpty() ? new Result(w, List.of()) : new Result(null, p);
    }

    /** The drawn polygon with the polygons of the zones named explicitly (points and lines are left out). */
    private static JsonNode union(Geometry drawn, List<String> explicit, Map<String, Zone> all) {
        List<Polygon> parts = new ArrayList<>(WarningArea.polygons(drawn));
        JsonNode named = WarningArea.geometryOf(explicit, all);
        if (named != null) {
            parts.addAll(WarningArea.polygons(GeoJson.read(named)));
        }
        return GeoJson.write(GeoJson.FACTORY.buildGeometry(parts));
    }

    /** The first-notice text in every language of the warning (and fr, en) must fit the segment budget. */
    private void smsFits(Warning w, List<String> p) {
        Alert a = Alert.builder().id(w.id(), LONGEST_CODE).rule(Alert.ISSUED_RULE, Alert.ISSUED_RULE).hazard(w.hazard())
                .zone(w.zones().get(0), w.place(), null).state(AlertState.ACTIVE).severity(w.severity()).urgency(w.urgency())
                .certainty(w.certainty()).level("officer").headline(w.headline()).instruction(w.instruction())
                .raisedAt(w.createdAt()).updatedAt(w.updatedAt())
                .issued(new Issued(w.author(), null, w.office(), w.test(), w.zones(), w.version(), w.expiresAt(), false, null)).build();
        Set<String> langs = new LinkedHashSet<>(List.of("fr", "en"));
        langs.addAll(w.headline().keySet());
        for (String lang : langs) {
            int segments = templates.segmentsOf(lang, a);
            if (segments > Templates.ISSUED_SEGMENTS) {
                p.add("headline." + lang + ": with the instruction and the place the SMS takes " + segments + " segments (at most "
                        + Templates.ISSUED_SEGMENTS + "): shorten the headline or instruction." + lang);
            }
        }
    }

    private Map<String, String> texts(List<String> p, JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            if (required) {
                p.add(field + ": required, in French and English ({\"fr\": \"...\", \"en\": \"...\"})");
            }
            return out;
        }
        if (!n.isObject()) {
            p.add(field + ": must be an object by language, e.g. {\"fr\": \"...\", \"en\": \"...\"}");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String text = e.getValue().asText("").trim();
            if (!templates.knows(e.getKey())) {
                p.add(field + "." + e.getKey() + ": no SMS templates for language '" + e.getKey() + "'");
            } else if (text.length() > MAX_TEXT) {
                p.add(field + "." + e.getKey() + ": at most " + MAX_TEXT + " characters");
            } else if (!text.isEmpty()) {
                out.put(e.getKey(), text);
            }
        });
        if (required) {
            for (String lang : List.of("fr", "en")) {
                if (!out.containsKey(lang)) {
                    p.add(field + "." + lang + ": required");
                }
            }
        }
        return out;
    }

    private static <T> T parse(List<String> p, String field, JsonNode body, java.util.function.Function<String, T> parser, T fallback,
                               String allowed) {
        String v = body.path(field).asText(null);
        if (v == null) {
            if (fallback == null) {
                p.add(field + ": required (" + allowed + ")");
            }
            return fallback;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            p.add(field + ": '" + v + "' is not one of " + allowed);
            return null;
        }
    }
}
