package org.bourtol.notifier.cap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A CAP area from a GeoJSON geometry (lon/lat): polygons become CAP polygons ("lat,lon" pairs,
 * closed, at least four points), points become 10 km circles, lines (corridors) are buffered by
 * about 2 km with JTS. {@code areaDesc} is the place name cut to 49 characters. Pure.
 */
public record CapArea(String description, List<String> polygons, List<String> circles) {

    public static final int MAX_DESC = 49;
    static final double POINT_RADIUS_KM = 10;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    public static CapArea of(String name, JsonNode geometry) {
        String desc = name == null || name.isBlank() ? "Zone" : name.trim();
        desc = desc.length() > MAX_DESC ? desc.substring(0, MAX_DESC - 3).trim() + "..." : desc;
        List<String> polygons = new ArrayList<>();
        List<String> circles = new ArrayList<>();
        if (geometry != null && geometry.hasNonNull("type")) {
            JsonNode c = geometry.get("coordinates");
            switch (geometry.get("type").asText()) {
                case "Polygon" -> ring(c.get(0)).ifPresent(polygons::add);
                case "MultiPolygon" -> c.forEach(p -> ring(p.get(0)).ifPresent(polygons::add));
                case "Point" -> circles.add(pair(c.get(1).asDouble(), c.get(0).asDouble()) + " " + POINT_RADIUS_KM);
                case "MultiPoint" -> c.forEach(p -> circles.add(pair(p.get(1).asDouble(), p.get(0).asDouble()) + " " + POINT_RADIUS_KM));
                case "LineString" -> buffered(List.of(c)).ifPresent(polygons::add);
                case "MultiLineString" -> {
                    List<JsonNode> lines = new ArrayList<>();
                    c.forEach(lines::add);
                    buffered(lines).ifPresent(polygons::add);
                }
                default -> {}
            }
        }
        return new CapArea(desc, List.copyOf(polygons), List.copyOf(circles));
    }

    private static java.util.Optional<String> ring(JsonNode ring) {
        if (ring == null || !ring.isArray() || ring.size() < 3) {
            return java.util.Optional.empty();
        }
        List<String> pairs = new ArrayList<>();
        ring.forEach(p -> pairs.add(pair(p.get(1).asDouble(), p.get(0).asDouble())));
        if (!pairs.get(0).equals(pairs.get(pairs.size() - 1))) {
            pairs.add(pairs.get(0));
        }
        return pairs.size() < 4 ? java.util.Optional.empty() : java.util.Optional.of(String.join(" ", pairs));
    }

    private static java.util.Optional<String> buffered(List<JsonNode> lines) {
        List<Geometry> parts = new ArrayList<>();
        for (JsonNode line : lines) {
            Coordinate[] cs = new Coordinate[line.size()];
            for (int i = 0; i < line.size(); i++) {
                cs[i] = new Coordinate(line.get(i).get(0).asDouble(), line.get(i).get(1).asDouble());
            }
            if (cs.length >= 2) {
                parts.add(GEOMETRY.createLineString(cs));
            }
        }
        if (parts.isEmpty()) {
            return java.util.Optional.empty();
        }
        Geometry buffer = GEOMETRY.buildGeometry(parts).buffer(0.02, 4).convexHull();
        if (!(buffer instanceof Polygon p)) {
            return java.util.Optional.empty();
        }
        List<String> pairs = new ArrayList<>();
        for (Coordinate c : p.getExteriorRing().getCoordinates()) {
            pairs.add(pair(c.y, c.x));
        }
        return java.util.Optional.of(String.join(" ", pairs));
    }

    private static String pair(double lat, double lon) {
        return String.format(Locale.ROOT, "%.5f,%.5f", lat, lon).replaceAll("0+(?=,|$)", "").replace(".,", ",").replaceAll("\\.$", "");
    }
}
