package org.bourtol.rules.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.RuleProblems;
import org.bourtol.rules.engine.RulesEnv;
import org.junit.jupiter.api.Test;

/** The published schemas agree with the validator: same parameter names, same ranges, levels and zone kinds. */
class RuleTypesTest {

    private static final Map<String, Family<?, ?>> FAMILIES = Families.byType(new RulesEnv(Duration.ofMinutes(60), 0.5));
    private static final RuleTypes TYPES = new RuleTypes(FAMILIES);
    private static final Pattern KNOWN = Pattern.compile("\\(known: ([^)]*)\\)");

    @Test
    void everyTypeHasASchemaWhoseParametersAreTheOnesTheValidatorReads() {
        for (Family<?, ?> f : FAMILIES.values()) {
            JsonNode params = TYPES.schema(f).path("properties").path("params").path("properties");
            assertFalse(params.isEmpty(), f.type() + " has parameters in rule-params.json");
            Set<String> inSchema = new TreeSet<>();
            params.fieldNames().forEachRemaining(inSchema::add);
            List<String> problems = problems(f, Json.MAPPER.createObjectNode().put("zzzUnknown", 1));
            String unknown = problems.stream().filter(p -> p.contains("zzzUnknown")).findFirst().orElseThrow();
            Matcher m = KNOWN.matcher(unknown);
            assertTrue(m.find(), unknown);
            assertEquals(new TreeSet<>(List.of(m.group(1).split(", "))), inSchema, f.type() + ": schema vs validator");
        }
    }

    @Test
    void everyRangeInTheSchemaIsTheValidatorsRange() {
        int checked = 0;
        for (Family<?, ?> f : FAMILIES.values()) {
            JsonNode params = TYPES.schema(f).path("properties").path("params").path("properties");
            var it = params.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode p = e.getValue();
                if (!p.has("maximum")) {
                    continue;
                }
                String name = e.getKey();
                double step = "integer".equals(p.path("type").asText()) ? 1 : 0.01;
                assertTrue(mentions(f, name, p.get("maximum").asDouble() + step), f.type() + "." + name + " above max refused");
                assertTrue(mentions(f, name, p.get("minimum").asDouble() - step), f.type() + "." + name + " below min refused");
                assertFalse(mentions(f, name, p.get("maximum").asDouble()), f.type() + "." + name + " max accepted");
                assertFalse(mentions(f, name, p.get("minimum").asDouble()), f.type() + "." + name + " min accepted");
                checked++;
            }
        }
        assertTrue(checked >= 25, "ranges checked: " + checked);
    }

    @Test
    void theGaugeLevelSchemaHasLevelsZoneKindsAndTranslatedHelp() {
        ObjectNode d = TYPES.describe(FAMILIES.get("gauge-level"));
        assertEquals("flood", d.path("hazard").asText());
        assertEquals("[\"station\"]", d.path("zoneKinds").toString());
        assertEquals("warning", d.path("levels").get(0).path("name").asText());
        JsonNode schema = d.path("schema");
        JsonNode warning = schema.at("/properties/params/properties/warningCm");
        assertEquals(2000, warning.path("maximum").asInt());
        assertEquals("cm", warning.path("x-unit").asText());
        assertTrue(warning.at("/x-title/fr").asText().contains("jaune"), warning.toString());
        assertEquals("Moderate", schema.at("/properties/severity/properties/warning/default").asText());
        assertEquals(4, schema.at("/properties/severity/properties/danger/enum").size());
        assertEquals("[\"station\"]", schema.at("/properties/zones/x-zoneKinds").toString());
        List<String> types = TYPES.all().stream().map(t -> t.path("type").asText()).toList();
        assertEquals(FAMILIES.keySet().stream().sorted().toList(), types, "every type, sorted");
        assertTrue(TYPES.schema(FAMILIES.get("gauge-rise-rate")).at("/properties/params/required").toString().contains("riseCm"));
    }

    private static boolean mentions(Family<?, ?> f, String name, double value) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put(name, value);
        return problems(f, params).stream().anyMatch(p -> p.contains("'" + name + "'"));
    }

    private static List<String> problems(Family<?, ?> f, ObjectNode params) {
        RuleDocument doc = new RuleDocument("t", f.type(), true, List.of("z"), params, List.of(), null, null, 0, null, null);
        try {
            f.parse(doc);
            return List.of();
        } catch (RuleProblems e) {
            return new ArrayList<>(e.problems());
        }
    }
}
