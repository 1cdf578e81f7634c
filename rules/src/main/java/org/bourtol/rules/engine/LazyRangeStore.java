package org.bourtol.rules.engine;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store whose ranges are read as they are iterated. Kafka Streams' own in-memory store (4.3)
 * copies every key of a range into a new sorted set, after counting them, before the first {@code next()}, so that its
 * iterators stay stable under interactive queries from other threads; the input store's ranges over a key's pending
 * inputs (each rule's fold, the drop, a late input's replay) are mostly over none or a few, and that copy and count
 * were a tenth of the rules' stream thread in the bench before {@link PendingInputs} skipped the empty ones. Here a
 * range walks a {@link ConcurrentSkipListMap} directly: it never throws on a write made while it is open and sees such
 * a write or not (weakly consistent), which the evaluator, reading a range to the end before it writes, never relies
 * on. No interactive queries (the input store is not queried); the changelog, restoration and metrics are Kafka
 * Streams' layers around it, as for its own store. Values are kept as the very arrays given ({@link RememberedSerde}
 * relies on it).
 */
final class LazyRangeStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    private final ConcurrentNavigableMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
    private volatile boolean open;

    LazyRangeStore(String name) {
        this.name = name;
    }

    /** A supplier of such stores for {@code Stores.keyValueStoreBuilder}. */
    static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new LazyRangeStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> put(Bytes.wrap(key), value));
        }
        open = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = map.get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        return map.remove(key);
    }

    /** The entries from {@code from} to {@code to}, both included; none when {@code from} is above {@code to}. */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return from.compareTo(to) > 0 ? over(Collections.emptyIterator())
                : over(map.subMap(from, true, to, true).entrySet().iterator());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return from.compareTo(to) > 0 ? over(Collections.emptyIterator())
                : over(map.subMap(from, true, to, true).descendingMap().entrySet().iterator());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return over(map.entrySet().iterator());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return over(map.descendingMap().entrySet().iterator());
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, S prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        Bytes to = Bytes.increment(from);
        return over(map.subMap(from, true, to, false).entrySet().iterator());
    }

    /** Entries counted one by one: a skip list has no size field (only metrics and the bench's store sizes ask). */
    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void close() {
        map.clear();
        open = false;
    }

    private static KeyValueIterator<Bytes, byte[]> over(Iterator<Map.Entry<Bytes, byte[]>> entries) {
        return new KeyValueIterator<>() {
            private Map.Entry<Bytes, byte[]> next;

            @Override
            public boolean hasNext() {
                if (next == null && entries.hasNext()) {
                    next = entries.next();
                }
                return next != null;
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> kv = KeyValue.pair(next.getKey(), next.getValue());
                next = null;
                return kv;
            }

            @Override
            public Bytes peekNextKey() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next.getKey();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
