package org.bourtol.rules.zones;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Point-in-zone over 10,000 polygons with the rules' own {@link ZoneIndex} (STRtree over envelopes, prepared
 * geometries): a 100 × 100 grid of octagons (0.09° across, 0.1° apart) over the Sahel, lookups at random points of
 * the covered box (about 64 % fall in a zone). One thread: lookups per second per core. Target ≥ 1,000,000/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PointInZoneBench {

    static final int SIDE = 100;
    private ZoneIndex index;
    private double[] lats;
    private double[] lons;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, Zone> zones = new HashMap<>();
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                String id = "z-" + i + "-" + j;
                zones.put(id, new Zone(id, ZoneKind.PASTURE, id, List.of(), null, octagon(10 + i * 0.1, -5 + j * 0.1, 0.045), null));
            }
        }
        index = new ZoneIndex(zones);
        SplittableRandom random = new SplittableRandom(42);
        lats = new double[1 << 16];
        lons = new double[1 << 16];
        for (int k = 0; k < lats.length; k++) {
            lats[k] = 10 + random.nextDouble() * SIDE * 0.1;
            lons[k] = -5 + random.nextDouble() * SIDE * 0.1;
        }
    }

    @Benchmark
    public List<Zone> containing() {
        int k = next++ & (lats.length - 1);
        return index.containing(lats[k], lons[k]);
    }

    /** A GeoJSON octagon centred on (lat, lon), radius r degrees. */
    static ObjectNode octagon(double lat, double lon, double r) {
        ObjectNode g = JsonNodeFactory.instance.objectNode().put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        for (int a = 0; a <= 8; a++) {
            double t = 2 * Math.PI * (a % 8) / 8;
            ring.addArray().add(lon + r * Math.cos(t)).add(lat + r * Math.sin(t));
        }
        return g;
    }
}
