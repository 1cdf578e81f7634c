package org.bourtol.rules.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A family's {@code <type>-state} store of {@link Timeline}s by state key ({@code rule|key}), with the
 * index of the firing ones that the timed re-check reads, so that a re-check reads the few firing
 * timelines instead of deserialising every one. The index is read from the store on its first use (the
 * store is restored by then) and kept by {@link #save}.
 */
final class Timelines<S> {

    /** The order of an in-memory store's keys: their UTF-8 bytes, unsigned. */
    private static final Comparator<String> STORE_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final KeyValueStore<String, Timeline<S>> store;
    private NavigableSet<String> firing;

    Timelines(KeyValueStore<String, Timeline<S>> store) {
        this.store = store;
    }

    /** The timeline of {@code stateKey} in the current format ({@link Timeline#current()}), empty when there is none yet. */
    Timeline<S> get(String stateKey) {
        Timeline<S> tl = store.get(stateKey);
        return tl == null ? Timeline.empty() : tl.current();
    }

    /** The horizon of {@code stateKey}'s timeline, or null when there is none. */
    Instant horizon(String stateKey) {
        Timeline<S> tl = store.get(stateKey);
        return tl == null ? null : tl.current().horizon();
    }

    /** Writes a timeline, keeping the index of firing ones up to date. */
    void save(String stateKey, Timeline<S> tl) {
        store.put(stateKey, tl);
        if (firing != null) {
            if (tl.fired()) {
                firing.add(stateKey);
            } else {
                firing.remove(stateKey);
            }
        }
    }

    /** The state keys whose timeline has fired, in the store's (byte) order; a copy. */
    List<String> firing() {
        if (firing == null) {
            firing = new TreeSet<>(STORE_ORDER);
            try (KeyValueIterator<String, Timeline<S>> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null && kv.value.fired()) {
                        firing.add(kv.key);
                    }
                });
            }
        }
        return List.copyOf(firing);
    }
}
