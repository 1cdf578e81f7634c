package org.bourtol.rules.zones;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.platform.geo.GeoJson;
import org.bourtol.rules.engine.Seasons;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a zone before it is stored: readable, closed and valid geometry of a shape that suits its
 * kind, kind-specific properties of the right type, and an existing parent. Returns every problem.
 */
public final class ZoneValidator {

    private ZoneValidator() {
    }

    public static List<String> validate(Zone z, Function<String, Optional<Zone>> lookup) {
        List<String> problems = new ArrayList<>();
        String p = "zone " + z.id() + ": ";
        Geometry g = null;
        try {
            g = GeoJson.read(z.geometry());
            TopologyValidationError err = new IsValidOp(g).getValidationError();
            if (err != null) {
                problems.add(p + "geometry is not valid: " + err.getMessage() + (err.getCoordinate() == null ? "" : " at " + err.getCoordinate()));
            }
        } catch (RuntimeException e) {
            // a malformed position (e.g. null) can fail inside the reader with no message of its own
            problems.add(p + (e.getMessage() == null ? "geometry is not readable GeoJSON (" + e.getClass().getSimpleName() + ")" : e.getMessage()));
        }
        if (g != null) {
            switch (z.kind()) {
                case STATION -> {
                    if (!(g instanceof Point)) {
                        problems.add(p + "a station must be a Point, got " + g.getGeometryType());
                    }
                }
                case CORRIDOR, RIVER_REACH -> {
                    if (!(g instanceof Lineal) && !(g instanceof Polygonal)) {
                        problems.add(p + "a " + z.kind().wire() + " must be a line or a polygon, got " + g.getGeometryType());
                    }
                }
                default -> {
                    if (!(g instanceof Polygonal)) {
                        problems.add(p + "a " + z.kind().wire() + " must be a Polygon or MultiPolygon, got " + g.getGeometryType());
                    }
                }
            }
        }
        JsonNode props = z.properties();
        switch (z.kind()) {
            case STATION -> levels(props.get("levels"), p, problems);
            case FARMLAND -> {
                mmdd(props.get("fieldRelease"), "fieldRelease", true, p, problems);
                mmdd(props.get("protectedFrom"), "protectedFrom", false, p, problems);
            }
            case WATER_POINT, MARKET -> positive(props.get("capacity"), "capacity (head of livestock)", p, problems);
            case PASTURE -> {
                positive(props.get("capacity"), "capacity (head of livestock)", p, problems);
                mmdd(props.get("fieldRelease"), "fieldRelease", false, p, problems);
                mmdd(props.get("protectedFrom"), "protectedFrom", false, p, problems);
            }
            case CORRIDOR -> {
                positive(props.get("bufferM"), "bufferM (metres)", p, problems);
                JsonNode passage = props.get("passage");
                if (passage != null && !passage.isNull()) {
                    if (!passage.isObject()) {
                        problems.add(p + "passage must be {\"from\": \"MM-DD\", \"to\": \"MM-DD\"}");
                    } else {
                        mmdd(passage.get("from"), "passage.from", true, p, problems);
                        mmdd(passage.get("to"), "passage.to", true, p, problems);
                    }
                }
            }
            default -> {
            }
        }
        JsonNode ill = props.get("illustrative");
        if (ill != null && !ill.isNull() && !ill.isBoolean()) {
            problems.add(p + "illustrative must be true or false");
        }
        if (z.parent() != null) {
            if (z.parent().equals(z.id())) {
                problems.add(p + "a zone cannot be its own parent");
            } else if (lookup.apply(z.parent()).isEmpty()) {
                problems.add(p + "parent zone '" + z.parent() + "' does not exist");
            }
        }
        return problems;
    }

    private static void levels(JsonNode levels, String p, List<String> problems) {
        if (levels == null || levels.isNull()) {
            return;
        }
        if (!levels.isObject()) {
            problems.add(p + "levels must be {\"warning\": cm, \"alert\": cm, \"danger\": cm}");
            return;
        }
        String lowerName = null;
        int lower = Integer.MIN_VALUE;
        for (String name : List.of("warning", "alert", "danger")) {
            JsonNode n = levels.get(name);
            if (n == null || n.isNull()) {
                continue;
            }
            if (!n.isNumber()) {
                problems.add(p + "levels." + name + " must be a number of cm, got " + n);
                continue;
            }
            if (lowerName != null && n.asInt() <= lower) {
                problems.add(p + name + " level (" + n.asInt() + ") must be above " + lowerName + " level (" + lower + ")");
            }
            lowerName = name;
            lower = n.asInt();
        }
    }

    private static void mmdd(JsonNode n, String name, boolean required, String p, List<String> problems) {
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(p + name + " is required (\"MM-DD\")");
            }
            return;
        }
        if (!n.isTextual() || !n.asText().matches("\\d\\d-\\d\\d") || !Seasons.valid(n.asText())) {
            problems.add(p + name + " must be a date \"MM-DD\", got " + n);
        }
    }

    private static void positive(JsonNode n, String name, String p, List<String> problems) {
        if (n != null && !n.isNull() && (!n.isNumber() || n.asDouble() <= 0)) {
            problems.add(p + name + " must be a positive number, got " + n);
        }
    }
}
