package org.bourtol.notifier.warning;

import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.topic.Json;
import org.bourtol.notifier.sms.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drafts and updates are checked field by field; every refusal names its field. */
class WarningValidatorTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    /** Konna is the square 2.1..2.2 E, 13.5..13.6 N (see Fixtures.square); Djenne the one east of it. */
    static final Map<String, Zone> ZONES = Stream.of(
            zone("region-mopti", ZoneKind.REGION, "Mopti", null),
            zone("konna", ZoneKind.COMMUNE, "Konna", "region-mopti"),
            new Zone("djenne", ZoneKind.COMMUNE, "Djenne", List.of(), "region-mopti", org.bourtol.notifier.Fixtures.square(2.2, 13.5), null))
            .collect(Collectors.toMap(Zone::id, Function.identity()));

    final WarningValidator validator = new WarningValidator(new Templates(), () -> ZONES);

    static ObjectNode body() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"hazard": "conflict", "severity": "Extreme", "urgency": "Immediate", "certainty": "Likely",
                 "zones": ["konna"],
                 "headline": {"fr": "Groupe arme signale pres de Konna", "en": "Armed group reported near Konna"},
                 "instruction": {"fr": "Restez a l'abri, evitez les routes.", "en": "Stay sheltered, avoid the roads."},
                 "expiresAt": "2026-12-04T18:00:00Z"}""");
    }

    WarningValidator.Result validate(JsonNode body) {
        return validator.validate(body, null, "w1", "officer-a", "dgpc@example.ml", NOW);
    }

    @Test
    void aGoodDraftBecomesADraftByItsAuthor() throws Exception {
        WarningValidator.Result r = validate(body());
        assertTrue(r.ok(), r.problems().toString());
        Warning w = r.warning();
        assertEquals(Warning.State.DRAFT, w.state());
        assertEquals("officer-a", w.author());
        assertEquals(List.of("konna"), w.zones());
        assertEquals("Konna", w.place());
        assertEquals(Severity.Extreme, w.severity());
        assertEquals("dgpc@example.ml", w.office());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"zones\": null}                                  | zones: give at least one zone id, or draw an area",
        "{\"zones\": [\"atlantis\"]}                        | zones: unknown zone 'atlantis'",
        "{\"headline\": null}                               | headline: required",
        "{\"headline\": {\"fr\": \"Seulement en francais\"}}  | headline.en: required",
        "{\"severity\": \"Huge\"}                           | severity: 'Huge' is not one of",
        "{\"hazard\": null}                                 | hazard: required",
        "{\"expiresAt\": \"2026-12-04T09:00:00Z\"}          | expiresAt: must be in the future",
        "{\"expiresAt\": \"tomorrow\"}                      | expiresAt: 'tomorrow' is not an ISO-8601 time",
        "{\"headline\": {\"fr\": \"a\", \"en\": \"b\", \"xx\": \"c\"}} | headline.xx: no SMS templates",
        "{\"zones\": null, \"area\": {\"type\": \"Polygon\", \"coordinates\": [[[30,40],[31,40],[31,41],[30,40]]]}} | area: area lies outside the map's bounds",
        "{\"zones\": null, \"area\": {\"type\": \"Point\", \"coordinates\": [2.15, 13.55]}} | area: a circle needs a radius",
        "{\"zones\": null, \"area\": {\"type\": \"LineString\", \"coordinates\": [[2.15, 13.55], [2.16, 13.56]]}} | area: area must be a Polygon",
    })
    void badInputNamesTheField(String patch, String expected) throws Exception {
        ObjectNode body = body();
        Json.MAPPER.readTree(patch).fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue()));
        WarningValidator.Result r = validate(body);
        assertTrue(r.problems().stream().anyMatch(p -> p.startsWith(expected)), expected + " in " + r.problems());
    }

    @Test
    void aTextThatDoesNotFitTwoSegmentsIsRefusedNamingTheLanguage() throws Exception {
        ObjectNode body = body();
        body.set("instruction", Json.MAPPER.readTree("{\"fr\": \"" + "Restez a l'abri. ".repeat(20) + "\", \"en\": \"Stay home.\"}"));
        WarningValidator.Result r = validate(body);
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("headline.fr: with the instruction and the place the SMS takes"), r.problems().toString());
        body.set("instruction", Json.MAPPER.readTree("{\"fr\": \"" + "Restez a l'abri. ".repeat(9) + "\", \"en\": \"Stay home.\"}"));
        assertTrue(validate(body).ok(), "about 150 characters of instruction fit in two segments: " + validate(body).problems());
    }

    @Test
    void aDrawnCircleReachesTheCommunesItTouches() throws Exception {
        ObjectNode body = body();
        body.remove("zones");
        body.set("area", Json.MAPPER.readTree("""
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.2, 13.55]}, "properties": {"radius": 2000}}"""));
        WarningValidator.Result r = validate(body);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of("djenne", "konna"), r.warning().zones());
        assertEquals("Polygon", r.warning().geometry().get("type").asText());
        body.set("area", Json.MAPPER.readTree("""
                {"type": "Polygon", "coordinates": [[[2.12, 13.52], [2.15, 13.52], [2.15, 13.55], [2.12, 13.52]]]}"""));
        assertEquals(List.of("konna"), validate(body).warning().zones());
    }
}
