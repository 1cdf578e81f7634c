package org.bourtol.timeseries.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Deterministic InfluxDB timestamps. A point's identity in InfluxDB is (measurement, tag set,
 * timestamp): writing the same identity twice overwrites, which is what makes re-delivery of a Kafka
 * record harmless. Two different records in the same series and the same millisecond must not
 * collide, so the timestamp is the event time truncated to the millisecond plus a nanosecond offset
 * (0..999,999) derived from a stable hash of the record id. The same record always lands on the same
 * nanosecond; two records of the same series collide only if they share the millisecond and the
 * offset (about one in a million), without adding a high-cardinality id tag.
 */
public final class EventTime {

    private EventTime() {
    }

    /** Epoch nanoseconds for {@code at} with the offset of {@code id}. */
    public static long nanos(Instant at, String id) {
        return Math.multiplyExact(at.toEpochMilli(), 1_000_000L) + offset(id);
    }

    /** The sub-millisecond offset of an id: FNV-1a 64-bit of its UTF-8 bytes, modulo one million. */
    public static long offset(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return Math.floorMod(h, 1_000_000L);
    }
}
