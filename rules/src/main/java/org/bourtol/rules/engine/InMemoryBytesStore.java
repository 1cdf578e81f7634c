package org.bourtol.rules.engine;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
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
 * What the rules' own in-memory byte stores ({@link LazyRangeStore}, {@link LogOnlyStore}) share: a name, a restore
 * callback registered in {@code init} ({@link #restored}), no persistence, no interactive queries; Kafka Streams'
 * layers (changelog, metrics, serdes) go around them.
 */
abstract class InMemoryBytesStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    private volatile boolean open;

    InMemoryBytesStore(String name) {
        this.name = name;
    }

    /** A supplier of the stores {@code make} builds, for {@code Stores.keyValueStoreBuilder}. */
    static KeyValueBytesStoreSupplier supplier(String name, Function<String, KeyValueStore<Bytes, byte[]>> make) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return make.apply(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    /** A record of the changelog read back while the store is restored ({@code value} null: a tombstone). */
    abstract void restored(Bytes key, byte[] value);

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> restored(Bytes.wrap(key), value));
        }
        open = true;
    }

    @Override
    public void close() {
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
    public Position getPosition() {
        return Position.emptyPosition();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    /** An iterator over {@code entries}, read as it is iterated. */
    static KeyValueIterator<Bytes, byte[]> over(Iterator<Map.Entry<Bytes, byte[]>> entries) {
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
