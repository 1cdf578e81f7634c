package org.bourtol.rules.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store whose writes only go to its changelog (Kafka Streams' logging layer around it): what it logs is kept
 * elsewhere while the task runs — the aged inputs of {@link InputRecovery}, held by the input store itself, so that
 * they are not held twice. What a restore (or a standby) reads back from the changelog is kept until the processor has
 * taken it ({@link #all}, then {@link #forget}); {@link #get} answers from that only. No interactive queries.
 */
final class LogOnlyStore extends InMemoryBytesStore {

    /** What the changelog held, as restored (and kept up to date on a standby); emptied by {@link #forget}. */
    private final Map<Bytes, byte[]> restored = new HashMap<>();

    private LogOnlyStore(String name) {
        super(name);
    }

    static KeyValueBytesStoreSupplier supplier(String name) {
        return supplier(name, LogOnlyStore::new);
    }

    /** Drops what was restored into {@code store} (a {@link LogOnlyStore} under Kafka Streams' layers), once taken. */
    static void forget(StateStore store) {
        StateStore s = store;
        while (!(s instanceof LogOnlyStore) && s instanceof WrappedStateStore<?, ?, ?> w) {
            s = w.wrapped();
        }
        if (s instanceof LogOnlyStore l) {
            l.restored.clear();
        }
    }

    @Override
    void restored(Bytes key, byte[] value) {
        if (value == null) {
            restored.remove(key);
        } else {
            restored.put(key, value);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        // logged by the layer around; kept by the input store
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    }

    @Override
    public byte[] delete(Bytes key) {
        return restored.remove(key);
    }

    @Override
    public byte[] get(Bytes key) {
        return restored.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return over(List.copyOf(restored.entrySet()).iterator());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        throw new UnsupportedOperationException("a log-only store has no ranges");
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException("a log-only store has no ranges");
    }

    @Override
    public long approximateNumEntries() {
        return restored.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        restored.clear();
        super.close();
    }
}
