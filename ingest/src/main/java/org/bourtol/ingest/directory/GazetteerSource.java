package org.bourtol.ingest.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.ingest.place.Gazetteer;

/** The current gazetteer: rebuilt lazily (at the next lookup) after the zones changed. Thread-safe. */
public final class GazetteerSource implements Supplier<Gazetteer> {

    private final Map<String, Zone> zones = new ConcurrentHashMap<>();
    private volatile Gazetteer current = Gazetteer.empty();
    private volatile boolean dirty;

    public void apply(String id, Zone zone) {
        if (zone == null) {
            zones.remove(id);
        } else {
            zones.put(id, zone);
        }
        dirty = true;
    }

    @Override
    public Gazetteer get() {
        if (dirty) {
            synchronized (this) {
                if (dirty) {
                    dirty = false;
                    current = Gazetteer.of(zones.values());
                }
            }
        }
        return current;
    }
}
