package org.bourtol.platform.kafka;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bourtol.contracts.topic.Topic;

/**
 * The values of the records this process decoded last, by topic, partition and offset, so that the components of
 * one process that each follow the same topic in a {@link TopicTable} (in {@code bourtol run}: ingest, the rules,
 * the notifier and the console all follow {@code bourtol.alerts.v1}) parse each record once instead of once per
 * component. A value is reused only for the same bytes (two clusters in one process may hold other records at the
 * same offset), and shared between those components as it is: the topics' values are immutable records.
 */
final class DecodedRecords {

    /** Followers of one topic read it at nearly the same pace; this many recent records cover the gap between them. */
    static final int CAPACITY = 1024;

    /** The process-wide instance the topic tables share. */
    static final DecodedRecords SHARED = new DecodedRecords(CAPACITY);

    private record Key(Topic<?, ?> topic, int partition, long offset) {
    }

    private record Entry(byte[] raw, Object value) {
    }

    private final Map<Key, Entry> recent;

    DecodedRecords(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of the record with {@code raw} bytes at that place, decoded by {@code decode} unless this process just did. */
    @SuppressWarnings("unchecked")
    <V> V value(Topic<?, V> topic, int partition, long offset, byte[] raw, Supplier<V> decode) {
        Key key = new Key(topic, partition, offset);
        Entry e;
        synchronized (recent) {
            e = recent.get(key);
        }
        if (e != null && Arrays.equals(e.raw(), raw)) {
            return (V) e.value();
        }
        V v = decode.get();
        if (v != null) {
            synchronized (recent) {
                recent.put(key, new Entry(raw, v));
            }
        }
        return v;
    }
}
