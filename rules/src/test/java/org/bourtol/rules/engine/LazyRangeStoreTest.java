package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class LazyRangeStoreTest {

    private final LazyRangeStore store = new LazyRangeStore("inputs");

    private static Bytes key(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private void putAll(String... keys) {
        for (String k : keys) {
            store.put(key(k), k.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void rangesIncludeBothEndsInByteOrderAndReverse() {
        putAll("b\u00001", "a\u00002", "a\u00001", "a\u00003", "a\u0001");
        assertEquals(List.of("a\u00001", "a\u00002", "a\u00003"), keys(store.range(key("a\u0000"), key("a\u00003"))));
        assertEquals(List.of("a\u00003", "a\u00002"), keys(store.reverseRange(key("a\u00002"), key("a\u00003"))));
        assertEquals(List.of(), keys(store.range(key("a\u00004"), key("a\u00009"))));
        assertEquals(List.of("a\u00001", "a\u00002", "a\u00003", "a\u0001", "b\u00001"), keys(store.all()));
        assertEquals(List.of("b\u00001", "a\u0001", "a\u00003", "a\u00002", "a\u00001"), keys(store.reverseAll()));
    }

    @Test
    void aRangeFromAboveItsEndIsEmpty() {
        putAll("a", "b", "c");
        assertEquals(List.of(), keys(store.range(key("c"), key("a"))));
        assertEquals(List.of(), keys(store.reverseRange(key("c"), key("a"))));
    }

    @Test
    void aPrefixScanReturnsTheKeysStartingWithIt() {
        putAll("ab", "abc", "abd", "ac", "a");
        assertEquals(List.of("ab", "abc", "abd"), keys(store.prefixScan("ab", new StringSerializer())));
    }

    @Test
    void aNullValueDeletesAndValuesAreTheArraysGiven() {
        byte[] value = {1, 2, 3};
        store.put(key("k"), value);
        assertSame(value, store.get(key("k")));
        assertArrayEquals(value, store.putIfAbsent(key("k"), new byte[] {9}));
        assertSame(value, store.get(key("k")));
        store.put(key("k"), null);
        assertNull(store.get(key("k")));
        assertNull(store.putIfAbsent(key("k"), new byte[] {9}));
        assertArrayEquals(new byte[] {9}, store.delete(key("k")));
        assertEquals(0, store.approximateNumEntries());
    }

    @Test
    void writesWhileARangeIsOpenDoNotBreakIt() {
        putAll("a1", "a2", "a3", "a4");
        List<String> seen = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key("a1"), key("a4"))) {
            while (it.hasNext()) {
                String k = new String(it.next().key.get(), StandardCharsets.UTF_8);
                seen.add(k);
                store.put(key(k), null);
            }
        }
        assertEquals(List.of("a1", "a2", "a3", "a4"), seen);
        assertEquals(0, store.approximateNumEntries());
    }

    @Test
    void peekShowsTheNextKeyWithoutTakingIt() {
        putAll("a", "b");
        KeyValueIterator<Bytes, byte[]> it = store.all();
        assertEquals(key("a"), it.peekNextKey());
        assertEquals(key("a"), it.next().key);
        assertEquals(key("b"), it.next().key);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::peekNextKey);
        assertThrows(NoSuchElementException.class, it::next);
    }
}
