package org.bourtol.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Entry counts and serialised sizes of every key-value store of a test driver's topology, read from the innermost
 * (bytes) store under the metering and serde layers, so nothing is deserialised. The bytes are the keys' and values'
 * serialised lengths: the in-memory store holds exactly those arrays, plus its own per-entry overhead (a map node and
 * two array headers), which the heap figure includes and this one does not.
 */
final class StoreSizes {

    /** One store: its entries and the serialised bytes of its keys and values. */
    record Store(String name, long entries, long bytes) {
    }

    private StoreSizes() {
    }

    /** Every key-value store of {@code driver}, by name. */
    static List<Store> of(TopologyTestDriver driver) {
        List<Store> out = new ArrayList<>();
        for (Map.Entry<String, StateStore> e : new TreeMap<>(driver.getAllStateStores()).entrySet()) {
            StateStore inner = e.getValue();
            while (inner instanceof WrappedStateStore<?, ?, ?> w) {
                inner = w.wrapped();
            }
            if (inner instanceof KeyValueStore<?, ?> kv) {
                out.add(measure(e.getKey(), kv));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Store measure(String name, KeyValueStore<?, ?> store) {
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<Bytes, byte[]> it = ((KeyValueStore<Bytes, byte[]>) store).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                entries++;
                bytes += kv.key.get().length + (kv.value == null ? 0 : kv.value.length);
            }
        }
        return new Store(name, entries, bytes);
    }
}
