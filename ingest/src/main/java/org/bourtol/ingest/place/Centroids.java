package org.bourtol.ingest.place;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A representative point of a GeoJSON geometry (WGS84 lon/lat): the point itself, the middle vertex of a
 * line, the interior point of a polygon (inside it, unlike a centroid of a crescent-shaped commune).
 */
final class Centroids {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private Centroids() {
    }

    /** Returns {lat, lon}, or null when the geometry cannot be read. */
    static double[] of(JsonNode geometry) {
        try {
            String type = geometry.path("type").asText();
            JsonNode c = geometry.path("coordinates");
            switch (type) {
                case "Point":
                    return new double[] {c.get(1).asDouble(), c.get(0).asDouble()};
                case "LineString": {
                    JsonNode mid = c.get(c.size() / 2);
                    return new double[] {mid.get(1).asDouble(), mid.get(0).asDouble()};
                }
                case "Polygon":
                    return point(polygon(c));
                case "MultiPolygon": {
                    List<Polygon> polys = new ArrayList<>();
                    c.forEach(p -> polys.add(polygon(p)));
                    Polygon largest = polys.stream().max((a, b) -> Double.compare(a.getArea(), b.getArea())).orElseThrow();
                    return point(largest);
                }
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double[] point(Geometry g) {
        Coordinate p = g.getInteriorPoint().getCoordinate();
        return new double[] {p.y, p.x};
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode coords) {
        List<Coordinate> list = new ArrayList<>();
        coords.forEach(p -> list.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
        if (!list.get(0).equals2D(list.get(list.size() - 1))) {
            list.add(list.get(0));
        }
        return GEOMETRY.createLinearRing(list.toArray(new Coordinate[0]));
    }
}
