package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.dataset.DefaultDataset;
import org.junit.jupiter.api.Test;

class ZoneIndexTest {

    @Test
    void aChangedZoneIsReadAgainAndTheOthersAreKept() throws Exception {
        Map<String, Zone> zones = new LinkedHashMap<>();
        DefaultDataset.zones().forEach(z -> zones.put(z.id(), z));
        ZoneIndex before = new ZoneIndex(zones);
        Zone niamey = zones.get("niamey");
        JsonNode moved = Json.MAPPER.readTree("{\"type\":\"Point\",\"coordinates\":[2.2,13.6]}");
        zones.put("niamey", new Zone(niamey.id(), niamey.kind(), niamey.name(), niamey.aliases(), niamey.parent(), moved,
                niamey.properties()));

        ZoneIndex after = new ZoneIndex(zones, before);

        assertEquals(before.size(), after.size());
        assertNotSame(before.geometry("niamey").orElseThrow(), after.geometry("niamey").orElseThrow(), "the changed zone is read again");
        assertEquals(2.2, after.geometry("niamey").orElseThrow().getCoordinate().x, 1e-9);
        assertSame(before.geometry("mopti").orElseThrow(), after.geometry("mopti").orElseThrow(), "an unchanged zone keeps its geometry");
        Zone commune = zones.values().stream().filter(z -> z.geometry().path("type").asText().endsWith("Polygon")).findFirst().orElseThrow();
        var c = before.geometry(commune.id()).orElseThrow().getInteriorPoint().getCoordinate();
        assertTrue(after.containing(c.y, c.x).stream().anyMatch(z -> z.id().equals(commune.id())), "the rebuilt tree still finds kept zones");
    }

    @Test
    void containingListsEveryCoveringPolygonSmallestFirstWithTheBoundaryIncluded() throws Exception {
        Map<String, Zone> zones = new LinkedHashMap<>();
        zones.put("cercle", square("cercle", 0, 0, 2));
        zones.put("commune", square("commune", 0, 0, 1));
        zones.put("village", square("village", 0.5, 0.5, 0.25));
        zones.put("well", new Zone("well", ZoneKind.WATER_POINT, "well", List.of(), null,
                Json.MAPPER.readTree("{\"type\":\"Point\",\"coordinates\":[0.6,0.6]}"), null));
        ZoneIndex index = new ZoneIndex(zones);

        assertEquals(List.of("village", "commune", "cercle"), ids(index.containing(0.6, 0.6)), "nested zones, smallest first; points never contain");
        assertEquals(List.of("commune", "cercle"), ids(index.containing(1.0, 0.2)), "a point on the commune's edge is in it");
        assertEquals(List.of("cercle"), ids(index.containing(1.5, 1.5)));
        assertEquals(List.of(), ids(index.containing(3, 3)));
    }

    private static List<String> ids(List<Zone> zones) {
        return zones.stream().map(Zone::id).toList();
    }

    private static Zone square(String id, double lat, double lon, double side) throws Exception {
        String ring = String.format(Locale.ROOT, "[[%1$f,%2$f],[%3$f,%2$f],[%3$f,%4$f],[%1$f,%4$f],[%1$f,%2$f]]", lon, lat, lon + side, lat + side);
        return new Zone(id, ZoneKind.COMMUNE, id, List.of(), null, Json.MAPPER.readTree("{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}"),
                null);
    }
}
