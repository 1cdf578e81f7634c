package org.bourtol.rules.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A store whose writes only go to its changelog (Kafka Streams' logging layer around it): what it logs is kept
 * elsewhere while the task runs — the aged inputs of {@link InputRecovery}, held by the input store itself, so that
 * they are not held twice. What a restore (or a standby) reads back from the changelog is kept until the processor has
 * taken it ({@link #all}, then {@link #forget}); {@link #get} answers from that only. No interactive queries.
 */
final class LogOnlyStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    /** What the changelog held, as restored (and kept up to date on a standby); emptied by {@link #forget}. */
    private final Map<Bytes, byte[]> restored = new HashMap<>();
    private volatile boolean open;

    private LogOnlyStore(String name) {
        this.name = name;
    }

    static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new LogOnlyStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
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
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> {
                if (value == null) {
                    restored.remove(Bytes.wrap(key));
                } else {
                    restored.put(Bytes.wrap(key), value);
                }
            });
        }
        open = true;
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
        Iterator<Map.Entry<Bytes, byte[]>> it = List.copyOf(restored.entrySet()).iterator();
        return new KeyValueIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Bytes peekNextKey() {
                throw new UnsupportedOperationException("peekNextKey");
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                Map.Entry<Bytes, byte[]> e = it.next();
                return KeyValue.pair(e.getKey(), e.getValue());
            }
        };
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
        open = false;
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
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }
}
