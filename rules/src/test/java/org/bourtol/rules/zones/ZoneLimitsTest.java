package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.topic.Json;
import org.bourtol.platform.http.ApiException;
import org.junit.jupiter.api.Test;

/** Zone uploads are bounded before any geometry work, and the refusal names the bound. */
class ZoneLimitsTest {

    @Test
    void uploadsOverTheBoundsAreRefusedNamingThem() {
        ZoneLimits.check(List.of(polygon("konna", 500)));
        ApiException big = assertThrows(ApiException.class, () -> ZoneLimits.check(List.of(polygon("huge", ZoneLimits.MAX_VERTICES_PER_ZONE + 1))));
        assertEquals(400, big.status());
        assertTrue(big.details().get(0).startsWith("feature 0 (huge): more than " + ZoneLimits.MAX_VERTICES_PER_ZONE + " vertices"), big.details().toString());
        List<JsonNode> many = new ArrayList<>();
        for (int i = 0; i <= ZoneLimits.MAX_FEATURES; i++) {
            many.add(polygon("z" + i, 4));
        }
        ApiException tooMany = assertThrows(ApiException.class, () -> ZoneLimits.check(many));
        assertTrue(tooMany.details().get(0).startsWith("at most " + ZoneLimits.MAX_FEATURES + " features per import"), tooMany.details().toString());
        List<JsonNode> heavy = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            heavy.add(polygon("h" + i, ZoneLimits.MAX_VERTICES_PER_ZONE));
        }
        ApiException total = assertThrows(ApiException.class, () -> ZoneLimits.check(heavy));
        assertTrue(total.details().get(0).startsWith("at most " + ZoneLimits.MAX_VERTICES + " vertices per import"), total.details().toString());
    }

    @Test
    void verticesAreCountedInEveryGeometryType() throws Exception {
        assertEquals(1, ZoneLimits.vertices(Json.MAPPER.readTree("{\"type\":\"Point\",\"coordinates\":[1,2]}"), 100));
        assertEquals(9, ZoneLimits.vertices(Json.MAPPER.readTree("{\"type\":\"MultiPolygon\",\"coordinates\":"
                + "[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,3],[2,2]]]]}"), 100));
        assertEquals(3, ZoneLimits.vertices(Json.MAPPER.readTree("{\"type\":\"GeometryCollection\",\"geometries\":"
                + "[{\"type\":\"Point\",\"coordinates\":[1,2]},{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}]}"), 100));
    }

    private static JsonNode polygon(String id, int vertices) {
        ObjectNode f = Json.MAPPER.createObjectNode().put("type", "Feature").put("id", id);
        ArrayNode ring = f.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray();
        for (int i = 0; i < vertices; i++) {
            ring.addArray().add(i * 1e-4).add(0.0);
        }
        return f;
    }
}
