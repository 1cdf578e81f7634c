package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parsed-value cache over a real in-memory Kafka Streams store: a hot key is parsed once, what is written is
 * what is read back and what the store holds, deletes and tombstones reach both, and the least recently used keys
 * make room.
 */
class ObjectCacheTest {

    /** A value type whose parses are counted (a String would be interned or compared by value only). */
    record Box(String text) {
    }

    private final AtomicInteger parsed = new AtomicInteger();
    private KeyValueStore<String, Box> store;
    private ObjectCache<String, Box> cache;

    @BeforeEach
    void setUp() {
        Serde<Box> serde = Serdes.serdeFrom((t, b) -> b == null ? null : b.text().getBytes(StandardCharsets.UTF_8), (t, bytes) -> {
            if (bytes == null) {
                return null;
            }
            parsed.incrementAndGet();
            return new Box(new String(bytes, StandardCharsets.UTF_8));
        });
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("boxes"), Serdes.String(), serde).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        cache = new ObjectCache<>(store, 2);
    }

    @Test
    void aKeyReadTwiceIsParsedOnce() {
        store.put("a", new Box("first"));
        parsed.set(0);
        Box one = cache.get("a");
        Box two = cache.get("a");
        assertEquals(new Box("first"), one);
        assertSame(one, two);
        assertEquals(1, parsed.get());
    }

    @Test
    void whatIsWrittenIsReadBackUnparsedAndIsInTheStore() {
        Box b = new Box("written");
        cache.put("a", b);
        assertSame(b, cache.get("a"));
        assertEquals(0, parsed.get());
        assertEquals(b, store.get("a"));
    }

    @Test
    void deletesAndTombstonesReachTheStoreAndTheCache() {
        cache.put("a", new Box("x"));
        cache.put("b", new Box("y"));
        assertEquals(new Box("x"), cache.delete("a"));
        cache.put("b", null);
        assertNull(cache.get("a"));
        assertNull(cache.get("b"));
        assertNull(store.get("a"));
        assertNull(store.get("b"));
    }

    @Test
    void theLeastRecentlyUsedKeyMakesRoomAndIsParsedAgain() {
        cache.putAll(List.of(KeyValue.pair("a", new Box("1")), KeyValue.pair("b", new Box("2"))));
        cache.get("a"); // b is now the least recently used
        cache.put("c", new Box("3"));
        parsed.set(0);
        cache.get("a");
        cache.get("c");
        assertEquals(0, parsed.get());
        assertEquals(new Box("2"), cache.get("b"));
        assertEquals(1, parsed.get());
    }

    /** The store is asked once for a key it does not hold; the cache's own writes and deletes are seen at once. */
    @Test
    void anAbsentKeyIsLookedUpOnce() {
        assertNull(cache.get("z"));
        store.put("z", new Box("behind the cache's back"));
        assertNull(cache.get("z"), "answered from the cache: the store is not asked again");
        Box b = new Box("written");
        cache.put("z", b);
        assertSame(b, cache.get("z"));
        cache.delete("z");
        assertNull(cache.get("z"));
        assertNull(store.get("z"));
        cache.put("y", new Box("1"));
        cache.put("x", new Box("2")); // z's absence makes room (capacity 2)
        store.put("z", new Box("3"));
        parsed.set(0);
        assertEquals(new Box("3"), cache.get("z"), "forgotten, asked again");
        assertEquals(1, parsed.get());
    }

    @Test
    void putIfAbsentKeepsAnExistingValue() {
        cache.put("a", new Box("old"));
        assertEquals(new Box("old"), cache.putIfAbsent("a", new Box("new")));
        assertNull(cache.putIfAbsent("b", new Box("new")));
        assertEquals(new Box("old"), store.get("a"));
        assertEquals(new Box("new"), store.get("b"));
    }

    @Test
    void rangesReadTheStore() {
        cache.put("a", new Box("1"));
        cache.put("b", new Box("2"));
        try (KeyValueIterator<String, Box> it = cache.range("a", "b")) {
            assertEquals("a", it.next().key);
            assertEquals("b", it.next().key);
        }
        assertEquals(2, cache.approximateNumEntries());
        assertEquals("boxes", cache.name());
    }
}
