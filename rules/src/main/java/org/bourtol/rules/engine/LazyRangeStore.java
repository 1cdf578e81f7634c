package org.bourtol.rules.engine;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;

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
final class LazyRangeStore extends InMemoryBytesStore {

    private final ConcurrentNavigableMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();

    LazyRangeStore(String name) {
        super(name);
    }

    /** A supplier of such stores for {@code Stores.keyValueStoreBuilder}. */
    static KeyValueBytesStoreSupplier supplier(String name) {
        return supplier(name, LazyRangeStore::new);
    }

    @Override
    void restored(Bytes key, byte[] value) {
        put(key, value);
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
        super.close();
    }
}
