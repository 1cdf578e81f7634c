package org.bourtol.rules.engine;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of an in-memory store whose values are read back as objects many times: the pending inputs, which
 * every rule of a key reads again (as ranges, which {@link ObjectCache} cannot serve) until the key's timelines have
 * folded them. The input store ({@link LazyRangeStore}, like Kafka Streams' in-memory store) keeps and hands back the
 * very array it was given, so an array this serde wrote (or read) lately is answered with the object it came from,
 * recognised by the array's identity: no parsing. A miss (another array, e.g. a value restored from the changelog) is
 * decoded as usual. It remembers at most {@code capacity} values of every task and stream thread that shares the
 * store's serde, in a table of that many slots indexed by the array's identity hash: a value takes its array's slot
 * from whatever was there (no list of use to keep up, no entry to allocate: a map kept in order of use was a twentieth
 * of the rules' stream thread, for writes nearly never read back). Under a lock, uncontended with one stream thread;
 * not a thread-local, which would outlive a backtest's topology on a pooled thread. Only for immutable values: a
 * remembered object is handed out as it is. A value whose bytes are {@code known} (it was just read from a topic,
 * {@link ReadBytes}) is written as those bytes, not serialised again.
 */
final class RememberedSerde<T> implements Serde<T> {

    private final Serde<T> inner;
    private final byte[][] arrays;
    private final Object[] values;
    private final int mask;
    private final Function<T, byte[]> known;

    RememberedSerde(Serde<T> inner, int capacity) {
        this(inner, capacity, v -> null);
    }

    /**
     * @param capacity the most values remembered, a power of two
     * @param known the bytes a value was read from, when they are known (null otherwise): written as they are
     */
    RememberedSerde(Serde<T> inner, int capacity, Function<T, byte[]> known) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.inner = inner;
        this.known = known;
        this.arrays = new byte[capacity][];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
    }

    private synchronized void remember(byte[] bytes, T value) {
        int slot = System.identityHashCode(bytes) & mask;
        arrays[slot] = bytes;
        values[slot] = value;
    }

    @SuppressWarnings("unchecked")
    private synchronized T recalled(byte[] bytes) {
        int slot = System.identityHashCode(bytes) & mask;
        return arrays[slot] == bytes ? (T) values[slot] : null;
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> s = inner.serializer();
        return (topic, value) -> {
            byte[] bytes = value == null ? null : known.apply(value);
            if (bytes == null) {
                bytes = s.serialize(topic, value);
            }
            if (bytes != null) {
                remember(bytes, value);
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> d = inner.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            T value = recalled(bytes);
            if (value == null) {
                value = d.deserialize(topic, bytes);
                if (value != null) {
                    remember(bytes, value);
                }
            }
            return value;
        };
    }
}
