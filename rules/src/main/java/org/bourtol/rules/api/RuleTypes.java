package org.bourtol.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.engine.Family;

/**
 * The JSON Schema (2020-12) of a rule of each type, for forms and for clients: the common fields
 * (type, enabled, description, zones of the kinds the family accepts, seasons, a severity mapping over
 * the family's levels) from the family itself, and its parameters from {@code rule-params.json}
 * (type, range, default, unit, and French and English title and help as {@code x-title} /
 * {@code x-description}; {@code title}/{@code description} are the English ones). Ranges there are
 * the validator's ({@code RuleTypesTest} checks every one against it).
 */
public final class RuleTypes {

    private static final String RESOURCE = "rule-params.json";
    private static final String MMDD = "^\\d\\d-\\d\\d$";

    private final Map<String, Family<?, ?>> families;
    private final JsonNode specs;

    public RuleTypes(Map<String, Family<?, ?>> families) {
        this.families = families;
        this.specs = load();
    }

    static JsonNode load() {
        try (InputStream in = RuleTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the rules jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parameter specification of {@code type} as written in the resource (empty object when none). */
    JsonNode spec(String type) {
        return specs.path(type).path("params");
    }

    /** Every type, sorted: {@code type, hazard, zoneKinds, levels [{name, severity}], title, schema}. */
    public List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        families.keySet().stream().sorted().forEach(t -> out.add(describe(families.get(t))));
        return out;
    }

    ObjectNode describe(Family<?, ?> f) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", f.type());
        n.put("hazard", f.hazard().wire());
        n.set("zoneKinds", Json.MAPPER.valueToTree(f.zoneKinds()));
        ArrayNode levels = n.putArray("levels");
        f.info().severities().forEach((name, sev) -> levels.addObject().put("name", name).put("severity", sev.name()));
        n.set("title", specs.path(f.type()).path("title").deepCopy());
        n.set("schema", schema(f));
        return n;
    }

    /** The JSON Schema of a rule document of family {@code f}. */
    public ObjectNode schema(Family<?, ?> f) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("$id", "/api/v1/rule-types/" + f.type());
        JsonNode title = specs.path(f.type()).path("title");
        s.put("title", title.path("en").asText(f.type()));
        s.set("x-title", title.deepCopy());
        s.put("type", "object");
        s.putArray("required").add("type").add("zones");
        ObjectNode props = s.putObject("properties");
        props.putObject("type").put("const", f.type());
        props.putObject("enabled").put("type", "boolean").put("default", true);
        props.putObject("description").put("type", "string");
        ObjectNode zones = props.putObject("zones").put("type", "array").put("minItems", 1);
        zones.putObject("items").put("type", "string");
        zones.set("x-zoneKinds", Json.MAPPER.valueToTree(f.zoneKinds()));
        ObjectNode season = props.putObject("seasons").put("type", "array").putObject("items").put("type", "object");
        season.putArray("required").add("from").add("to");
        season.putObject("properties").<ObjectNode>set("from", pattern()).set("to", pattern());
        ObjectNode severity = props.putObject("severity").put("type", "object").put("additionalProperties", false);
        ObjectNode levels = severity.putObject("properties");
        f.info().severities().forEach((name, def) -> {
            ObjectNode l = levels.putObject(name).put("type", "string").put("default", def.name());
            ArrayNode e = l.putArray("enum");
            for (Severity sv : Severity.values()) {
                e.add(sv.name());
            }
        });
        props.set("params", params(spec(f.type())));
        return s;
    }

    private static ObjectNode pattern() {
        return Json.MAPPER.createObjectNode().put("type", "string").put("pattern", MMDD);
    }

    private static ObjectNode params(JsonNode spec) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode props = p.putObject("properties");
        ArrayNode required = p.putArray("required");
        Iterator<Map.Entry<String, JsonNode>> it = spec.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode in = ((ObjectNode) e.getValue()).deepCopy();
            ObjectNode out = props.putObject(e.getKey());
            if (in.path("required").asBoolean(false)) {
                required.add(e.getKey());
            }
            in.remove("required");
            JsonNode t = in.remove("title");
            JsonNode d = in.remove("description");
            JsonNode unit = in.remove("unit");
            out.setAll(in);
            if (t != null) {
                out.put("title", t.path("en").asText());
                out.set("x-title", t);
            }
            if (d != null) {
                out.put("description", d.path("en").asText());
                out.set("x-description", d);
            }
            if (unit != null) {
                out.set("x-unit", unit);
            }
        }
        return p;
    }
}
