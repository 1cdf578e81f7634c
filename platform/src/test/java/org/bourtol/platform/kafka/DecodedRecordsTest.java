package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.bourtol.contracts.topic.Topic;
import org.junit.jupiter.api.Test;

/**
 * Components following the same topic in one process share each record's decoded value: decoded once for the
 * same bytes at the same place, decoded again for other bytes there (another cluster) or elsewhere, and only the
 * most recent records are kept.
 */
class DecodedRecordsTest {

    private static final Topic<String, String> TOPIC = new Topic<>("t", Serdes.String(), Serdes.String(), 1, false);
    private static final Topic<String, String> OTHER = new Topic<>("u", Serdes.String(), Serdes.String(), 1, false);

    private final AtomicInteger decoded = new AtomicInteger();

    private String decode(byte[] raw) {
        decoded.incrementAndGet();
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameRecordReadByTwoFollowersIsDecodedOnce() {
        DecodedRecords d = new DecodedRecords(8);
        byte[] raw = bytes("alert-1");
        String first = d.value(TOPIC, 0, 5, raw, () -> decode(raw));
        byte[] again = bytes("alert-1"); // the second follower's own copy of the same bytes
        String second = d.value(TOPIC, 0, 5, again, () -> decode(again));
        assertSame(first, second);
        assertEquals(1, decoded.get());
    }

    @Test
    void otherBytesAtTheSamePlaceOrAnotherPlaceAreDecodedAgain() {
        DecodedRecords d = new DecodedRecords(8);
        d.value(TOPIC, 0, 5, bytes("a"), () -> decode(bytes("a")));
        assertEquals("b", d.value(TOPIC, 0, 5, bytes("b"), () -> decode(bytes("b"))), "another cluster's record at that offset");
        d.value(TOPIC, 1, 5, bytes("b"), () -> decode(bytes("b")));
        d.value(OTHER, 0, 5, bytes("b"), () -> decode(bytes("b")));
        d.value(TOPIC, 0, 6, bytes("b"), () -> decode(bytes("b")));
        assertEquals(5, decoded.get());
    }

    @Test
    void onlyTheMostRecentRecordsAreKept() {
        DecodedRecords d = new DecodedRecords(2);
        String first = d.value(TOPIC, 0, 1, bytes("1"), () -> decode(bytes("1")));
        d.value(TOPIC, 0, 2, bytes("2"), () -> decode(bytes("2")));
        d.value(TOPIC, 0, 3, bytes("3"), () -> decode(bytes("3")));
        assertNotSame(first, d.value(TOPIC, 0, 1, bytes("1"), () -> decode(bytes("1"))));
        assertEquals(4, decoded.get());
    }

    @Test
    void aValueThatDecodesToNothingIsNotKept() {
        DecodedRecords d = new DecodedRecords(8);
        assertNull(d.value(TOPIC, 0, 1, bytes("x"), () -> {
            decoded.incrementAndGet();
            return null;
        }));
        d.value(TOPIC, 0, 1, bytes("x"), () -> decode(bytes("x")));
        assertEquals(2, decoded.get());
    }
}
