package org.bourtol.rules.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bourtol.contracts.directory.Zone;
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
}
