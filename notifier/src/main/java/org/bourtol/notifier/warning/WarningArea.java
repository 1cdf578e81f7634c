package org.bourtol.notifier.warning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.platform.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.util.GeometricShapeFactory;

/**
 * The area of an officer-issued warning: existing zone ids, or a polygon or circle drawn on the map.
 * A drawn area is a GeoJSON Polygon or MultiPolygon geometry (or a Feature holding one), or a circle:
 * a Point geometry (or Feature) with {@code radius} in metres (Leaflet's circle), up to
 * {@link #MAX_RADIUS_M}. It must lie within the map's bounds (the envelope of every zone in the
 * directory) and reaches the communes it touches (the cercles, then regions, where it touches no
 * commune). Pure: the zones are an argument.
 */
public final class WarningArea {

    static final double MAX_RADIUS_M = 200_000;
    private static final double METRES_PER_DEGREE = 111_320;
    private static final List<ZoneKind> REACHED = List.of(ZoneKind.COMMUNE, ZoneKind.CERCLE, ZoneKind.REGION);

    /** The drawn area as a polygon geometry and the zone ids it reaches. */
    public record Drawn(JsonNode geometry, List<String> zones) {
    }

    private WarningArea() {
    }

    /**
     * @throws IllegalArgumentException with the reason, for the {@code area} field
     */
    public static Drawn resolve(JsonNode area, Map<String, Zone> zones) {
        Geometry g = polygon(area);
        Envelope bounds = bounds(zones.values()).orElseThrow(() -> new IllegalArgumentException("there are no zones to draw on"));
        if (!bounds.covers(g.getEnvelopeInternal())) {
            throw new IllegalArgumentException("area lies outside the map's bounds (lon " + bounds.getMinX() + ".." + bounds.getMaxX()
                    + ", lat " + bounds.getMinY() + ".." + bounds.getMaxY() + ")");
        }
        for (ZoneKind kind : REACHED) {
            List<String> reached = new ArrayList<>();
            zones.values().stream().filter(z -> z.kind() == kind).sorted(Comparator.comparing(Zone::id)).forEach(z -> {
                if (readable(z).map(zg -> zg.intersects(g)).orElse(false)) {
                    reached.add(z.id());
                }
            });
            if (!reached.isEmpty()) {
                return new Drawn(write(g), List.copyOf(reached));
            }
        }
        throw new IllegalArgumentException("area reaches no commune, cercle or region of the map");
    }

    /** The polygon of several zones, for CAP (their polygons together; points and lines are left to CAP's own area rules). */
    public static JsonNode geometryOf(List<String> ids, Map<String, Zone> zones) {
        if (ids.size() == 1) {
            return zones.get(ids.get(0)).geometry();
        }
        List<Polygon> parts = new ArrayList<>();
        for (String id : ids) {
            readable(zones.get(id)).ifPresent(g -> parts.addAll(polygons(g)));
        }
        return parts.isEmpty() ? null : write(GeoJson.FACTORY.buildGeometry(parts));
    }

    /** The polygons of a geometry (none for points and lines). */
    static List<Polygon> polygons(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p) {
                out.add(p);
            }
        }
        return out;
    }

    static Geometry polygon(JsonNode area) {
        JsonNode geometry = area;
        JsonNode radius = area == null ? null : area.get("radius");
        if (area != null && "Feature".equals(area.path("type").asText())) {
            geometry = area.get("geometry");
            radius = area.path("properties").get("radius");
        }
        if (geometry == null || !geometry.isObject()) {
            throw new IllegalArgumentException("area must be a GeoJSON Polygon, or a Point with a radius in metres");
        }
        Geometry g = GeoJson.read(geometry);
        if (g instanceof Point p) {
            if (radius == null || !radius.isNumber() || radius.asDouble() <= 0 || radius.asDouble() > MAX_RADIUS_M) {
                throw new IllegalArgumentException("a circle needs a radius in metres, above 0 and at most " + (int) MAX_RADIUS_M);
            }
            return circle(p, radius.asDouble());
        }
        if (!(g instanceof Polygonal)) {
            throw new IllegalArgumentException("area must be a Polygon, a MultiPolygon or a circle, not a " + g.getGeometryType());
        }
        if (!g.isValid()) {
            throw new IllegalArgumentException("area polygon is not valid (it crosses itself)");
        }
        return g;
    }

    /** A 32-sided polygon around the point, the radius scaled to degrees of longitude at its latitude. */
    static Geometry circle(Point centre, double radiusM) {
        double dLat = radiusM / METRES_PER_DEGREE;
        double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(centre.getY())));
        GeometricShapeFactory f = new GeometricShapeFactory(GeoJson.FACTORY);
        f.setCentre(centre.getCoordinate());
        f.setWidth(2 * dLon);
        f.setHeight(2 * dLat);
        f.setNumPoints(32);
        return f.createEllipse();
    }

    static Optional<Envelope> bounds(Collection<Zone> zones) {
        Envelope e = new Envelope();
        zones.forEach(z -> readable(z).ifPresent(g -> e.expandToInclude(g.getEnvelopeInternal())));
        return e.isNull() ? Optional.empty() : Optional.of(e);
    }

    private static Optional<Geometry> readable(Zone z) {
        try {
            return z == null ? Optional.empty() : Optional.of(GeoJson.read(z.geometry()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode write(Geometry g) {
        return GeoJson.write(g);
    }
}
