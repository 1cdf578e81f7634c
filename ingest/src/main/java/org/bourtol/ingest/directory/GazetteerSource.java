package org.bourtol.ingest.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.ingest.place.Gazetteer;

/**
 * The current gazetteer: rebuilt lazily (at the next lookup) after the zones changed. Thread-safe: a lookup that comes
 * while another thread rebuilds waits for the new gazetteer instead of reading the old one (at startup the old one is
 * empty, and a report would be refused as naming an unknown place).
 */
public final class GazetteerSource implements Supplier<Gazetteer> {

    private final Map<String, Zone> zones = new ConcurrentHashMap<>();
    /** Counts changes; {@link #built} is the count {@link #current} reflects. */
    private final AtomicLong changes = new AtomicLong();
    private volatile long built;
    private volatile Gazetteer current = Gazetteer.empty();

    public void apply(String id, Zone zone) {
        if (zone == null) {
            zones.remove(id);
        } else {
            zones.put(id, zone);
        }
        changes.incrementAndGet(); // after the change: a rebuild that reads this count sees the zone
    }

    @Override
    public Gazetteer get() {
        if (built != changes.get()) {
            synchronized (this) {
                long now = changes.get();
                if (built != now) {
                    current = Gazetteer.of(zones.values());
                    built = now;
                }
            }
        }
        return current;
    }
}
