package org.bourtol.platform.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * GeoJSON geometry (WGS84 lon/lat) to JTS. Reads Point, LineString, Polygon, MultiLineString and
 * MultiPolygon; throws {@link IllegalArgumentException} with a readable reason for anything else,
 * including an unclosed ring or a coordinate out of range. Writes polygons back ({@link #write}).
 */
public final class GeoJson {

    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {
    }

    public static Geometry read(JsonNode g) {
        if (g == null || !g.hasNonNull("type")) {
            throw new IllegalArgumentException("geometry is missing");
        }
        String type = g.get("type").asText();
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new IllegalArgumentException(type + " has no coordinates");
        }
        return switch (type) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "LineString" -> line(c);
            case "Polygon" -> polygon(c);
            case "MultiLineString" -> {
                List<LineString> lines = new ArrayList<>();
                c.forEach(l -> lines.add(line(l)));
                yield FACTORY.createMultiLineString(lines.toArray(LineString[]::new));
            }
            case "MultiPolygon" -> {
                List<Polygon> polys = new ArrayList<>();
                c.forEach(p -> polys.add(polygon(p)));
                yield FACTORY.createMultiPolygon(polys.toArray(Polygon[]::new));
            }
            default -> throw new IllegalArgumentException("geometry type '" + type
                    + "' is not supported (Point, LineString, Polygon, MultiLineString, MultiPolygon)");
        };
    }

    /** A Polygon or MultiPolygon (or a collection of polygons) as a GeoJSON geometry, 6 decimals (about 0.1 m). */
    public static ObjectNode write(Geometry g) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (g instanceof Polygon p) {
            out.put("type", "Polygon");
            out.set("coordinates", rings(p));
            return out;
        }
        if (g instanceof MultiPolygon || g instanceof GeometryCollection) {
            out.put("type", "MultiPolygon");
            ArrayNode polys = out.putArray("coordinates");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (!(g.getGeometryN(i) instanceof Polygon p)) {
                    throw new IllegalArgumentException("only polygons can be written, got a " + g.getGeometryN(i).getGeometryType());
                }
                polys.add(rings(p));
            }
            return out;
        }
        throw new IllegalArgumentException("only polygons can be written, got a " + g.getGeometryType());
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] cs) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : cs) {
            out.addArray().add(round(c.x)).add(round(c.y));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Coordinate coordinate(JsonNode c) {
        if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw new IllegalArgumentException("a position must be [lon, lat], got " + c);
        }
        double lon = c.get(0).asDouble();
        double lat = c.get(1).asDouble();
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("position [" + lon + ", " + lat + "] is out of range (lon -180..180, lat -90..90)");
        }
        return new Coordinate(lon, lat);
    }

    private static Coordinate[] coordinates(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("expected a list of positions, got " + list);
        }
        Coordinate[] out = new Coordinate[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = coordinate(list.get(i));
        }
        return out;
    }

    private static LineString line(JsonNode c) {
        Coordinate[] cs = coordinates(c);
        if (cs.length < 2) {
            throw new IllegalArgumentException("a line needs at least 2 positions");
        }
        return FACTORY.createLineString(cs);
    }

    private static LinearRing ring(JsonNode c) {
        Coordinate[] cs = coordinates(c);
        if (cs.length < 4) {
            throw new IllegalArgumentException("a polygon ring needs at least 4 positions (closed), got " + cs.length);
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("polygon ring is not closed: first position " + cs[0] + " differs from last " + cs[cs.length - 1]);
        }
        return FACTORY.createLinearRing(cs);
    }

    private static Polygon polygon(JsonNode c) {
        if (!c.isArray() || c.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least one ring");
        }
        LinearRing shell = ring(c.get(0));
        LinearRing[] holes = new LinearRing[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            holes[i - 1] = ring(c.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }
}
