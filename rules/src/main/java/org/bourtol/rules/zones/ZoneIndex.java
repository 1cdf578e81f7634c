package org.bourtol.rules.zones;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.platform.geo.GeoJson;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable spatial snapshot of the zones: an STRtree over zone envelopes for point-in-zone
 * lookups and, per zone, a locally projected copy (equirectangular at the zone's latitude, metres)
 * for distances such as distance-to-corridor. A new snapshot is made whenever a zone changes, re-reading
 * only the changed zones; zones whose geometry cannot be read are left out (the API refuses them anyway).
 */
public final class ZoneIndex {

    private static final double M_PER_DEG_LAT = 110_574;
    private static final double M_PER_DEG_LON_EQ = 111_320;

    private record Entry(Zone zone, Geometry geometry, PreparedGeometry prepared, PointOnGeometryLocator locator, Geometry metric, double lonScale,
            double area) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final STRtree tree = new STRtree();

    public static final ZoneIndex EMPTY = new ZoneIndex(Map.of());

    public ZoneIndex(Map<String, Zone> zones) {
        this(zones, EMPTY);
    }

    /**
     * A new snapshot after a change: zones equal to those of {@code previous} keep their parsed,
     * prepared and projected geometries; only new or changed zones are read again. The STRtree over
     * the envelopes is rebuilt (JTS trees are immutable once built), which is cheap next to parsing.
     */
    public ZoneIndex(Map<String, Zone> zones, ZoneIndex previous) {
        zones.values().forEach(z -> {
            Entry kept = previous == null ? null : previous.entries.get(z.id());
            if (kept != null && kept.zone().equals(z)) {
                entries.put(z.id(), kept);
                tree.insert(kept.geometry().getEnvelopeInternal(), kept);
                return;
            }
            try {
                Geometry g = GeoJson.read(z.geometry());
                double lat = g.getEnvelopeInternal().centre().y;
                double lonScale = M_PER_DEG_LON_EQ * Math.cos(Math.toRadians(lat));
                Geometry metric = new AffineTransformation().scale(lonScale, M_PER_DEG_LAT).transform(g);
                Entry e = new Entry(z, g, PreparedGeometryFactory.prepare(g), g.getArea() > 0 ? new IndexedPointInAreaLocator(g) : null, metric,
                        lonScale, g.getArea());
                entries.put(z.id(), e);
                tree.insert(g.getEnvelopeInternal(), e);
            } catch (RuntimeException ignored) {
                // invalid geometries are refused at the API; a bad record on the topic is skipped here
            }
        });
        tree.build();
    }

    public Optional<Zone> zone(String id) {
        Entry e = id == null ? null : entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.zone());
    }

    public String name(String id) {
        return zone(id).map(Zone::name).orElse(id);
    }

    public Optional<Geometry> geometry(String id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.geometry());
    }

    public int size() {
        return entries.size();
    }

    /**
     * Polygonal zones containing the point (boundary included), smallest first. The hot path of every
     * geographic rule: an STRtree query with a visitor and each candidate's indexed point-in-area locator,
     * with no geometry built per lookup and no sort unless the point lies in several zones.
     */
    public List<Zone> containing(double lat, double lon) {
        Hits hits = new Hits(new Coordinate(lon, lat));
        tree.query(new Envelope(hits.point), hits);
        return hits.zones();
    }

    /** The zones covering one point; most points lie in none or one, which allocate nothing more. */
    private static final class Hits implements ItemVisitor {
        private final Coordinate point;
        private Entry first;
        private List<Entry> all;

        Hits(Coordinate point) {
            this.point = point;
        }

        @Override
        public void visitItem(Object item) {
            Entry e = (Entry) item;
            if (e.area() <= 0 || e.locator().locate(point) == Location.EXTERIOR) {
                return;
            }
            if (first == null) {
                first = e;
                return;
            }
            if (all == null) {
                all = new ArrayList<>(List.of(first));
            }
            all.add(e);
        }

        List<Zone> zones() {
            if (all == null) {
                return first == null ? List.of() : List.of(first.zone());
            }
            all.sort(Comparator.comparingDouble(Entry::area));
            return all.stream().map(Entry::zone).toList();
        }
    }

    public boolean contains(String zoneId, double lat, double lon) {
        Entry e = entries.get(zoneId);
        return e != null && e.prepared().covers(GeoJson.FACTORY.createPoint(new Coordinate(lon, lat)));
    }

    /** Distance in metres from the point to the zone's geometry (0 inside), or +inf for an unknown zone. */
    public double distanceMeters(String zoneId, double lat, double lon) {
        Entry e = entries.get(zoneId);
        if (e == null) {
            return Double.POSITIVE_INFINITY;
        }
        Point p = GeoJson.FACTORY.createPoint(new Coordinate(lon * e.lonScale(), lat * M_PER_DEG_LAT));
        return e.metric().distance(p);
    }

    /** The zone itself or its nearest ancestor of {@code kind}, following parents. */
    public Optional<Zone> ancestorOfKind(String zoneId, ZoneKind kind) {
        String id = zoneId;
        for (int depth = 0; id != null && depth < 10; depth++) {
            Optional<Zone> z = zone(id);
            if (z.isEmpty()) {
                return Optional.empty();
            }
            if (z.get().kind() == kind) {
                return z;
            }
            id = z.get().parent();
        }
        return Optional.empty();
    }
}
