package org.bourtol.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A zone as stored on {@code bourtol.zones.v1} (key = id). {@code geometry} is a GeoJSON geometry
 * (WGS84 lon/lat). {@code properties} holds the kind-specific data, e.g. {@code capacity} (head of
 * livestock) for a water point, {@code fieldRelease} ("MM-DD") for farmland, {@code passage}
 * ({"from":"MM-DD","to":"MM-DD"}) for corridors, {@code levels} ({"warning":530,...} in cm) for a
 * station. Geometry validation lives with JTS in the rules module; this record checks shape only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Zone(String id, ZoneKind kind, String name, List<String> aliases, String parent,
        JsonNode geometry, ObjectNode properties) {

    public Zone {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("zone id '" + id + "' must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("zone " + id + ": kind is missing");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("zone " + id + ": name is missing");
        }
        if (geometry == null || !geometry.hasNonNull("type")) {
            throw new IllegalArgumentException("zone " + id + ": geometry is missing");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
    }
}
