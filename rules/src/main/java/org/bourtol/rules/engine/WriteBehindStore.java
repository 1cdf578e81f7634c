package org.bourtol.rules.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps what its processor writes as objects until the task commits, and only then serialises
 * each written key's last value into the store below (and so into its changelog): a key written at every record — a hot
 * alert's slot, a firing station's timeline — is serialised and logged once per commit instead of once per record.
 * <p>
 * Why this is exactly-once: Kafka Streams flushes every registered store's cache in {@code StreamTask.prepareCommit},
 * before it flushes the producer and commits the transaction ({@code ProcessorStateManager.flushCache}, which calls
 * {@code flushCache()} on each store that is a {@code CachedStateStore}, as this one is through
 * {@link WrappedStateStore}); the values written here go out in the same transaction as the input offsets they
 * account for, as the records of Kafka Streams' own caching store do. A task closed uncleanly drops what was not
 * committed ({@link #clearCache}, {@link #close}), and its inputs are read again. The changelog records carry the
 * timestamp of the task's last record or punctuation (the caching store sets each entry's own; nothing reads a
 * changelog record's timestamp for these plain key-value stores).
 * <p>
 * Reads see the unwritten values; a range or scan writes them down first (it happens at a timed re-check, a sweep or an
 * expiry check, not per record). Internal Kafka Streams API: {@link WrappedStateStore} and its {@code CachedStateStore}
 * contract (Kafka Streams 4.3, read in its bytecode: {@code flushCache} from {@code prepareCommit}, {@code flush} and
 * {@code commit} only after the transaction). {@code WriteBehindStoreIT} checks it against a real broker with the rules'
 * Streams properties: the Streams producer, wrapped, records that every transaction committing input offsets carries
 * the changelog record of the state its last input made (it fails for a layer that writes down anywhere else); run it
 * on every Kafka Streams upgrade. Only for a store
 * its own task writes; values must be immutable (they are kept as given).
 */
public final class WriteBehindStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V> implements KeyValueStore<K, V> {

    /** Unwritten keys beyond which a write writes them all down at once (bounds memory between commits). */
    static final int MAX_PENDING = 10_000;

    /** Keys written since the last write-down → their last value (null: deleted). */
    private final Map<K, V> pending = new LinkedHashMap<>();
    /** Run first when the task prepares a commit ({@link BeforeCommit}); null: nothing. */
    private Runnable beforeWriteDown;

    public WriteBehindStore(KeyValueStore<K, V> store) {
        super(store);
    }

    /** A builder of {@code builder}'s store kept behind a write-behind layer (logging and caching settings pass through). */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> of(StoreBuilder<KeyValueStore<K, V>> builder) {
        return new Builder<>(builder);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        beforeWriteDown = null;
        super.init(context, root);
    }

    @Override
    public V get(K key) {
        if (pending.containsKey(key)) {
            return pending.get(key);
        }
        return wrapped().get(key);
    }

    @Override
    public void put(K key, V value) {
        pending.put(key, value);
        if (pending.size() > MAX_PENDING) {
            writeDown();
        }
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
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    /** Writes every unwritten value into the store below, in the order their keys were first written since the last time. */
    private void writeDown() {
        if (pending.isEmpty()) {
            return;
        }
        KeyValueStore<K, V> store = wrapped();
        for (Map.Entry<K, V> e : pending.entrySet()) {
            store.put(e.getKey(), e.getValue());
        }
        pending.clear();
    }

    /** Has {@code hook} run at each commit before this store writes down (its processor's {@link BeforeCommit}). */
    void beforeWriteDown(Runnable hook) {
        this.beforeWriteDown = hook;
    }

    /** Called by Kafka Streams while preparing a commit, before the transaction's records are flushed. */
    @Override
    public void flushCache() {
        if (beforeWriteDown != null) {
            beforeWriteDown.run();
        }
        writeDown();
        super.flushCache();
    }

    /** Called when a task's uncommitted work is thrown away: so is what was not written down. */
    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeDown();
        wrapped().flush();
    }

    @Override
    public void close() {
        pending.clear();
        beforeWriteDown = null;
        super.close();
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeDown();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeDown();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeDown();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeDown();
        return wrapped().reverseAll();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, S prefixKeySerializer) {
        writeDown();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    /** The store's count, plus the keys not written down yet (some may be deletes or already there: approximate). */
    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + pending.size();
    }

    /** Builds the wrapped store and puts the write-behind layer over it. */
    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> inner) implements StoreBuilder<KeyValueStore<K, V>> {

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            inner.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            inner.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
