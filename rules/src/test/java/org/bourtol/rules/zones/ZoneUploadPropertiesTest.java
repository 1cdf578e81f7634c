package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.platform.http.ApiException;

/**
 * Property-based fuzzing of GeoJSON zone uploads through the steps the zones API takes (bounds, reading
 * the feature, validating the zone): any feature — wrong types, rings that do not close or cross
 * themselves, NaN and out-of-range coordinates, nested geometry collections, unknown kinds — is a valid
 * zone or a list of problems each naming what is wrong (400); nothing else escapes.
 */
class ZoneUploadPropertiesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Property(tries = 5000)
    void anyFeatureIsAZoneOrProblemsThatSayWhy(@ForAll("features") JsonNode feature) {
        List<String> problems;
        try {
            ZoneLimits.check(List.of(feature));
            Zone z = ZoneFeatures.fromFeature(feature, null);
            problems = ZoneValidator.validate(z, id -> Optional.empty());
        } catch (ApiException e) {
            assertEquals(400, e.status());
            problems = e.details();
        } catch (IllegalArgumentException e) {
            problems = List.of(String.valueOf(e.getMessage()));
        }
        for (String p : problems) {
            assertFalse(p == null || p.isBlank() || p.endsWith(": null"), () -> "a problem without a reason for " + feature);
        }
    }

    @Provide
    Arbitrary<JsonNode> features() {
        Arbitrary<JsonNode> number = Arbitraries.oneOf(
                Arbitraries.doubles().between(-200, 200).map(F::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 1e308, -0.0).map(d -> (JsonNode) F.numberNode(d)),
                Arbitraries.of((JsonNode) F.textNode("14.5"), F.nullNode(), F.booleanNode(true), F.arrayNode()));
        Arbitrary<JsonNode> position = number.list().ofMinSize(0).ofMaxSize(4).map(ZoneUploadPropertiesTest::array);
        Arbitrary<JsonNode> ring = Arbitraries.frequencyOf(
                Tuple.of(3, position.list().ofMaxSize(8).map(ZoneUploadPropertiesTest::array)),
                Tuple.of(2, position.list().ofMinSize(3).ofMaxSize(6).map(ps -> {
                    ArrayNode a = array(ps);
                    a.add(ps.get(0).deepCopy()); // closed
                    return (JsonNode) a;
                })));
        Arbitrary<JsonNode> coordinates = Arbitraries.oneOf(position, ring, ring.list().ofMaxSize(3).map(ZoneUploadPropertiesTest::array),
                ring.list().ofMaxSize(2).list().ofMaxSize(2).map(l -> array(l.stream().map(x -> (JsonNode) array(x)).toList())),
                Arbitraries.just(F.nullNode()), Arbitraries.just(F.textNode("[[0,0]]")));
        Arbitrary<String> type = Arbitraries.of("Point", "LineString", "Polygon", "MultiPolygon", "MultiPoint", "GeometryCollection",
                "Feature", "polygon", "", "Circle");
        Arbitrary<JsonNode> geometry = Arbitraries.frequencyOf(
                Tuple.of(6, type.flatMap(t -> coordinates.map(c -> {
                    ObjectNode g = F.objectNode().put("type", t);
                    g.set("coordinates", c);
                    if (t.equals("GeometryCollection")) {
                        g.set("geometries", F.arrayNode().add(F.objectNode().put("type", "Point").set("coordinates", c)));
                    }
                    return (JsonNode) g;
                }))),
                Tuple.of(1, Arbitraries.of((JsonNode) F.nullNode(), F.textNode("POLYGON((0 0,1 0,1 1,0 0))"), F.objectNode())));
        Arbitrary<String> kind = Arbitraries.of("commune", "region", "cercle", "farmland", "corridor", "water-point", "station", "country",
                "", "COMMUNE", "unknown");
        return Arbitraries.frequencyOf(
                Tuple.of(8, net.jqwik.api.Combinators.combine(kind, geometry, Arbitraries.strings().ofMaxLength(8),
                        Arbitraries.of("region-mopti", "", "self")).as((k, g, id, parent) -> {
                            ObjectNode f = F.objectNode().put("type", "Feature").put("id", id.isEmpty() ? "z" : id);
                            ObjectNode props = f.putObject("properties").put("kind", k).put("name", "Zone " + id);
                            if (!parent.isEmpty()) {
                                props.put("parent", parent.equals("self") ? f.get("id").asText() : parent);
                            }
                            f.set("geometry", g);
                            return (JsonNode) f;
                        })),
                Tuple.of(1, Arbitraries.of((JsonNode) F.nullNode(), F.arrayNode(), F.textNode("Feature"), F.objectNode().put("type", "Point"),
                        F.objectNode().put("type", "Feature"), F.objectNode().put("type", "Feature").put("properties", 3))));
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
