package org.bourtol.ingest.place;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.topic.Json;

/** The Sahel zones of the default dataset (a copy in test resources), as Zone records. */
public final class ZonesFixture {

    private ZonesFixture() {
    }

    public static List<Zone> zones() {
        try (InputStream in = ZonesFixture.class.getResourceAsStream("/zones-fixture.geojson")) {
            JsonNode fc = Json.MAPPER.readTree(in);
            List<Zone> out = new ArrayList<>();
            for (JsonNode f : fc.get("features")) {
                ObjectNode props = ((ObjectNode) f.get("properties")).deepCopy();
                List<String> aliases = new ArrayList<>();
                props.path("aliases").forEach(a -> aliases.add(a.asText()));
                String parent = props.hasNonNull("parent") ? props.get("parent").asText() : null;
                Zone z = new Zone(f.get("id").asText(), ZoneKind.fromWire(props.get("kind").asText()), props.get("name").asText(),
                        aliases, parent, f.get("geometry"), props);
                out.add(z);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Gazetteer cached;
    private static Gazetteer withTwoKonas;

    /**
     * The fixture plus two communes both named "Kona" (ids {@code kona-nord}, {@code kona-sud}): same kind,
     * same name, so "Kona" alone is ambiguous (and "Konna", one edit away, still exact).
     */
    public static synchronized Gazetteer withTwoKonas() {
        if (withTwoKonas == null) {
            List<Zone> zones = new ArrayList<>(zones());
            zones.add(commune("kona-nord", "Kona", 14.95, -3.85));
            zones.add(commune("kona-sud", "Kona", 14.05, -4.05));
            withTwoKonas = Gazetteer.of(zones);
        }
        return withTwoKonas;
    }

    private static Zone commune(String id, String name, double lat, double lon) {
        ObjectNode point = Json.MAPPER.createObjectNode().put("type", "Point");
        point.putArray("coordinates").add(lon).add(lat);
        return new Zone(id, ZoneKind.COMMUNE, name, List.of(), null, point, null);
    }

    public static synchronized Gazetteer gazetteer() {
        if (cached == null) {
            cached = Gazetteer.of(zones());
        }
        return cached;
    }
}
