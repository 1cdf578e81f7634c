package org.bourtol.rules.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.topic.Json;

/**
 * GeoJSON Feature ⇄ {@link Zone}: the feature's {@code id} is the zone id; {@code properties.kind},
 * {@code name}, {@code aliases} and {@code parent} are the zone's fields; every other property stays
 * in {@code Zone.properties}.
 */
public final class ZoneFeatures {

    private static final List<String> FIELDS = List.of("kind", "name", "aliases", "parent", "id");

    private ZoneFeatures() {
    }

    /** Reads a feature; {@code idFromPath} (may be null) wins over the feature id. */
    public static Zone fromFeature(JsonNode feature, String idFromPath) {
        if (feature == null || !feature.isObject()) {
            throw new IllegalArgumentException("a zone must be a GeoJSON Feature object");
        }
        if (feature.hasNonNull("type") && !"Feature".equals(feature.get("type").asText())) {
            throw new IllegalArgumentException("a zone must be a GeoJSON Feature, got type '" + feature.get("type").asText() + "'");
        }
        JsonNode props = feature.path("properties");
        if (!props.isObject()) {
            throw new IllegalArgumentException("zone properties are missing");
        }
        String id = idFromPath != null ? idFromPath
                : feature.hasNonNull("id") ? feature.get("id").asText() : props.path("id").asText(null);
        if (feature.hasNonNull("id") && idFromPath != null && !idFromPath.equals(feature.get("id").asText())) {
            throw new IllegalArgumentException("feature id '" + feature.get("id").asText() + "' differs from the id in the path '" + idFromPath + "'");
        }
        if (!props.hasNonNull("kind")) {
            throw new IllegalArgumentException("zone " + id + ": properties.kind is missing");
        }
        ZoneKind kind = ZoneKind.fromWire(props.get("kind").asText());
        List<String> aliases = new ArrayList<>();
        JsonNode a = props.get("aliases");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new IllegalArgumentException("zone " + id + ": aliases must be a list of names");
            }
            a.forEach(x -> aliases.add(x.asText()));
        }
        ObjectNode rest = ((ObjectNode) props).deepCopy();
        FIELDS.forEach(rest::remove);
        return new Zone(id, kind, props.path("name").asText(null), aliases,
                props.hasNonNull("parent") ? props.get("parent").asText() : null, feature.get("geometry"), rest);
    }

    public static ObjectNode toFeature(Zone z) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("type", "Feature");
        f.put("id", z.id());
        ObjectNode p = f.putObject("properties");
        p.put("kind", z.kind().wire());
        p.put("name", z.name());
        ArrayNode aliases = p.putArray("aliases");
        z.aliases().forEach(aliases::add);
        if (z.parent() != null) {
            p.put("parent", z.parent());
        }
        p.setAll(z.properties().deepCopy());
        f.set("geometry", z.geometry());
        return f;
    }

    /** Every feature of a FeatureCollection; the first bad feature throws with its index. */
    public static List<Zone> fromCollection(JsonNode fc) {
        if (fc == null || !"FeatureCollection".equals(fc.path("type").asText()) || !fc.path("features").isArray()) {
            throw new IllegalArgumentException("expected a GeoJSON FeatureCollection with a 'features' list");
        }
        List<Zone> out = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            out.add(fromFeature(f, null));
        }
        return out;
    }
}
