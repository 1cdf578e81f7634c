package org.bourtol.rules.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's view of its key-value store that keeps the values it last read or wrote as objects, for the
 * {@code capacity} most recently used keys, so that reading a hot key's state back does not parse it again, and the keys it
 * found absent (the timelines of a station's rules that do not take its readings are asked for at every reading, and
 * there are none). Writes go to the store first (its changelog is what survives), then to the cache; ranges and scans
 * read the store. Only for a store its processor alone writes, wrapped anew in the processor's {@code init} (a revived
 * task starts with an empty cache over its restored store), and for immutable values: a cached value is handed out as
 * it is.
 */
public final class ObjectCache<K, V> implements KeyValueStore<K, V> {

    private final KeyValueStore<K, V> store;
    /** Stands for a key the store does not hold. */
    private static final Object ABSENT = new Object();

    /** Values, or {@link #ABSENT}. */
    private final Map<K, Object> recent;

    public ObjectCache(KeyValueStore<K, V> store, int capacity) {
        this.store = store;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object known = recent.get(key);
        if (known != null) {
            return known == ABSENT ? null : (V) known;
        }
        V v = store.get(key);
        recent.put(key, v == null ? ABSENT : v);
        return v;
    }

    @Override
    public void put(K key, V value) {
        store.put(key, value);
        remember(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        store.putAll(entries);
        entries.forEach(kv -> remember(kv.key, kv.value));
    }

    @Override
    public V delete(K key) {
        V old = store.delete(key);
        recent.put(key, ABSENT);
        return old;
    }

    private void remember(K key, V value) {
        recent.put(key, value == null ? ABSENT : value);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return store.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return store.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return store.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return store.reverseAll();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, S prefixKeySerializer) {
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        store.init(context, root);
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public void close() {
        recent.clear();
        store.close();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return store.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }
}
