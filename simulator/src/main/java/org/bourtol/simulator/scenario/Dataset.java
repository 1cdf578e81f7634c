package org.bourtol.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.topic.Json;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The default Sahel dataset (zones and rules) read from the classpath, with geometry in a local
 * kilometre projection (equirectangular around 14.5° N, accurate to ~1 % across the delta) so that
 * buffers in metres and distances can be checked directly. Immutable after loading.
 */
public final class Dataset {

    private static final double KM_PER_DEG_LAT = 110.57;
    private static final double KM_PER_DEG_LON = 111.32 * Math.cos(Math.toRadians(14.5));
    private static final GeometryFactory GF = new GeometryFactory();

    /** One zone: id, kind, name, parent, properties and projected geometry. */
    public record SimZone(String id, ZoneKind kind, String name, String parent, ObjectNode properties, Geometry km) {

        public boolean contains(double lat, double lon) {
            return km.getDimension() == 2 && km.contains(point(lat, lon));
        }

        public double distanceKm(double lat, double lon) {
            return km.distance(point(lat, lon));
        }

        public double[] centroidLatLon() {
            Point c = km.getCentroid();
            return new double[] {c.getY() / KM_PER_DEG_LAT, c.getX() / KM_PER_DEG_LON};
        }

        public Optional<MonthDay> date(String property) {
            JsonNode v = properties.get(property);
            return v == null || !v.isTextual() ? Optional.empty() : Optional.of(MonthDay.parse("--" + v.asText()));
        }
    }

    private final Map<String, SimZone> zones;
    private final Map<String, RuleDocument> rules;

    private Dataset(Map<String, SimZone> zones, Map<String, RuleDocument> rules) {
        this.zones = zones;
        this.rules = rules;
    }

    /** The dataset shipped in the contracts module ({@code org/bourtol/dataset/}). */
    public static Dataset sahel() {
        try (InputStream z = resource("sahel-zones.geojson"); InputStream r = resource("sahel-rules.json")) {
            Map<String, SimZone> zones = new LinkedHashMap<>();
            for (JsonNode f : Json.MAPPER.readTree(z).path("features")) {
                JsonNode p = f.path("properties");
                String id = f.hasNonNull("id") ? f.get("id").asText() : p.path("id").asText();
                zones.put(id, new SimZone(id, ZoneKind.fromWire(p.path("kind").asText()), p.path("name").asText(id),
                        p.hasNonNull("parent") ? p.get("parent").asText() : null, (ObjectNode) p, toKm(f.path("geometry"))));
            }
            Map<String, RuleDocument> rules = new LinkedHashMap<>();
            for (RuleDocument rule : Json.MAPPER.readValue(r, RuleDocument[].class)) {
                rules.put(rule.id(), rule);
            }
            return new Dataset(Map.copyOf(zones), Map.copyOf(rules));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default Sahel dataset", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Dataset.class.getResourceAsStream("/org/bourtol/dataset/" + name);
        if (in == null) {
            throw new IllegalStateException("dataset resource " + name + " is missing from the classpath");
        }
        return in;
    }

    public SimZone zone(String id) {
        SimZone z = zones.get(id);
        if (z == null) {
            throw new IllegalArgumentException("zone '" + id + "' is not in the dataset");
        }
        return z;
    }

    public List<SimZone> zones(ZoneKind kind) {
        return zones.values().stream().filter(z -> z.kind() == kind).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Zones containing a point (polygons only). */
    public List<SimZone> containing(double lat, double lon) {
        List<SimZone> out = new ArrayList<>();
        for (SimZone z : zones.values()) {
            if (z.contains(lat, lon)) {
                out.add(z);
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** A zone id and all its ancestors. */
    public Set<String> withParents(String id) {
        Set<String> out = new LinkedHashSet<>();
        String current = id;
        while (current != null && out.add(current)) {
            SimZone z = zones.get(current);
            current = z == null ? null : z.parent();
        }
        return out;
    }

    /** Enabled rules of a type. */
    public List<RuleDocument> rules(String type) {
        return rules.values().stream().filter(r -> r.enabled() && r.type().equals(type))
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public static Point point(double lat, double lon) {
        return GF.createPoint(new Coordinate(lon * KM_PER_DEG_LON, lat * KM_PER_DEG_LAT));
    }

    /** The point {@code dxKm} east and {@code dyKm} north of (lat, lon). */
    public static double[] offset(double lat, double lon, double dxKm, double dyKm) {
        return new double[] {lat + dyKm / KM_PER_DEG_LAT, lon + dxKm / KM_PER_DEG_LON};
    }

    /** Great-circle-free distance in the local projection. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        return point(lat1, lon1).distance(point(lat2, lon2));
    }

    private static Geometry toKm(JsonNode g) {
        String type = g.path("type").asText();
        JsonNode c = g.path("coordinates");
        return switch (type) {
            case "Point" -> GF.createPoint(coord(c));
            case "LineString" -> GF.createLineString(coords(c));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] parts = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    parts[i] = polygon(c.get(i));
                }
                yield GF.createMultiPolygon(parts);
            }
            default -> throw new IllegalArgumentException("unsupported geometry type " + type);
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = GF.createLinearRing(coords(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = GF.createLinearRing(coords(rings.get(i)));
        }
        return GF.createPolygon(shell, holes);
    }

    private static Coordinate[] coords(JsonNode array) {
        Coordinate[] out = new Coordinate[array.size()];
        for (int i = 0; i < array.size(); i++) {
            out[i] = coord(array.get(i));
        }
        return out;
    }

    private static Coordinate coord(JsonNode c) {
        return new Coordinate(c.get(0).asDouble() * KM_PER_DEG_LON, c.get(1).asDouble() * KM_PER_DEG_LAT);
    }

    /** The (lat, lon) at fraction {@code f} (0..1) of a corridor's length. */
    public static double[] along(SimZone corridor, double f) {
        Coordinate[] cs = corridor.km().getCoordinates();
        double total = corridor.km().getLength();
        double target = Math.max(0, Math.min(1, f)) * total;
        for (int i = 1; i < cs.length; i++) {
            double seg = cs[i - 1].distance(cs[i]);
            if (target <= seg || i == cs.length - 1) {
                double t = seg == 0 ? 0 : Math.min(1, target / seg);
                double x = cs[i - 1].x + (cs[i].x - cs[i - 1].x) * t;
                double y = cs[i - 1].y + (cs[i].y - cs[i - 1].y) * t;
                return new double[] {y / KM_PER_DEG_LAT, x / KM_PER_DEG_LON};
            }
            target -= seg;
        }
        throw new IllegalStateException("unreachable");
    }

    /** A season check: is month-day {@code d} within [from, to], wrapping over the new year when from > to. */
    public static boolean within(MonthDay d, MonthDay from, MonthDay to) {
        return from.isAfter(to) ? !d.isBefore(from) || !d.isAfter(to) : !d.isBefore(from) && !d.isAfter(to);
    }
}
