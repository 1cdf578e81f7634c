package org.bourtol.launcher.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Request bodies an attacker or a broken client sends to the JSON API, as jqwik arbitraries: JSON trees
 * that use the API's own field names with values of every type and edge (NaN-like numbers, huge and
 * negative numbers, control characters, phone-like strings, dates), plus text that is not JSON at all.
 */
final class JsonFuzz {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Field names the API bodies use (tokens, zones, rules, alerts, warnings, recipients, reporters, outcomes, backtests…). */
    static final List<String> FIELDS = List.of("name", "role", "ttl", "type", "features", "geometry", "coordinates", "properties",
            "kind", "id", "parent", "aliases", "zone", "zones", "zoneId", "rule", "ruleId", "family", "params", "threshold", "level",
            "enabled", "phone", "language", "roles", "region", "headline", "instruction", "description", "severity", "urgency",
            "certainty", "event", "area", "areas", "expires", "onset", "effective", "outcome", "action", "note", "reason", "text",
            "from", "to", "start", "end", "at", "observedAt", "reporterId", "stationId", "herdId", "deviceId", "lat", "lon",
            "levelCm", "mm", "headCount", "species", "reportType", "items", "observations", "code", "label", "responses", "dismiss",
            "verified", "office", "version", "home", "quietHours");

    private JsonFuzz() {
    }

    /** A request body: mostly JSON trees with the API's fields, sometimes scalars, arrays or no JSON at all. */
    static Arbitrary<String> bodies() {
        Arbitrary<JsonNode> tree = Arbitraries.recursive(JsonFuzz::leaf, JsonFuzz::container, 0, 4);
        Arbitrary<JsonNode> object = Arbitraries.maps(field(), tree).ofMaxSize(8).map(JsonFuzz::object);
        return Arbitraries.frequencyOf(
                Tuple.of(8, object.map(JsonNode::toString)),
                Tuple.of(1, tree.map(JsonNode::toString)),
                Tuple.of(1, Arbitraries.of("", "{", "}", "[", "null", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}",
                        "{\"lat\":1e999999}", "{\"lat\":-1e-999999}", "{\"name\":\"\\ud800\"}", "\u0000", "NaN", "{\"a\":NaN}",
                        "{\"name\":\"x\",\"name\":\"y\"}", "<xml/>", "name=x&role=admin")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    private static Arbitrary<String> field() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FIELDS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    }

    private static Arbitrary<JsonNode> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(F::textNode),
                Arbitraries.of("admin", "officer", "viewer", "ingest", "root", "", " ", "konna", "mopti", "region-mopti", "commune",
                        "Polygon", "Point", "FeatureCollection", "Feature", "gauge-level", "Extreme", "Severe", "Observed", "Immediate",
                        "fr", "en", "bm", "P90D", "PT0S", "P-1D", "P99999D", "2026-11-24T08:00:00Z", "2026-02-30", "9999-12-31T23:59:59Z",
                        "+22376000001", "0022376000001", "<script>", "' OR 1=1 --", "\u202e", "\u0007", "%s%n").map(F::textNode),
                Arbitraries.integers().map(F::numberNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e308, 181.0, -91.0).map(F::numberNode),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.just(F.nullNode()));
    }

    private static Arbitrary<JsonNode> container(Arbitrary<JsonNode> inner) {
        return Arbitraries.oneOf(
                Arbitraries.maps(field(), inner).ofMaxSize(5).map(JsonFuzz::object),
                inner.list().ofMaxSize(5).map(l -> {
                    ArrayNode a = F.arrayNode();
                    l.forEach(a::add);
                    return a;
                }));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode o = F.objectNode();
        fields.forEach(o::set);
        return o;
    }
}
