package org.bourtol.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bourtol.ingest.publish.SeenIds;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which MQTT messages are sent to Kafka, and when their broker acks go out. */
class AckCommitterTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** The broker acks that went out, in order. */
    final List<String> acks = new CopyOnWriteArrayList<>();

    /** The broker ack of one message: recorded in {@link #acks} as {@code name}. */
    private Runnable ack(String name) {
        return () -> acks.add(name);
    }

    private SeenIds store() {
        return new SeenIds(dir, "mqtt-published.log", 1000, Duration.ofDays(7), T0);
    }

    @Test
    void theAckGoesOutOnlyAfterTheIdIsDurable() {
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK);
            assertTrue(c.begin("mqtt-a", ack("a#1")));
            assertTrue(acks.isEmpty(), "no ack before Kafka acknowledged");
            c.published("mqtt-a");
            Poll.until(WAIT, "ack", () -> acks.size() == 1);
            assertTrue(store.contains("mqtt-a", T0));
            c.close();
        }
    }

    @Test
    void aRedeliveryWhileTheFirstCopyIsInFlightIsNotSentAndIsAckedWithIt() {
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK);
            assertTrue(c.begin("mqtt-a", ack("a#1")));
            assertFalse(c.begin("mqtt-a", ack("a#2")));
            assertTrue(acks.isEmpty());
            c.published("mqtt-a");
            Poll.until(WAIT, "both acks", () -> acks.size() == 2);
            c.close();
        }
    }

    @Test
    void aRedeliveryAfterARestartIsAckedAtOnceWithoutSending() {
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK);
            c.holdAcks();
            assertTrue(c.begin("mqtt-a", ack("a#1")));
            c.published("mqtt-a");
            Poll.until(WAIT, "ack held", () -> c.held() == 1);
            c.close();
        }
        assertTrue(acks.isEmpty());
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK);
            assertFalse(c.begin("mqtt-a", ack("a#2")));
            assertEquals(List.of("a#2"), acks);
            assertTrue(c.begin("mqtt-b", ack("b#1")));
            c.close();
        }
    }

    @Test
    void afterCloseAPublishedIdIsStillKeptButNotAcked() {
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK);
            assertTrue(c.begin("mqtt-a", ack("a#1")));
            c.close();
            c.published("mqtt-a");
            assertTrue(store.contains("mqtt-a", T0));
            assertTrue(acks.isEmpty());
        }
    }

    @Test
    void idsAcknowledgedTogetherShareOneFsyncAndTheirAcksWaitForIt() {
        try (SeenIds store = store()) {
            AckCommitter c = new AckCommitter(store, CLOCK, Duration.ofSeconds(1));
            for (int i = 0; i < 50; i++) {
                assertTrue(c.begin("mqtt-" + i, ack("#" + i)));
            }
            for (int i = 0; i < 50; i++) {
                c.published("mqtt-" + i);
            }
            assertTrue(acks.isEmpty(), "no ack before the group is written");
            Poll.until(WAIT, "all acks", () -> acks.size() == 50);
            assertEquals(1, c.groups(), "one group, one fsync");
            for (int i = 0; i < 50; i++) {
                assertTrue(store.contains("mqtt-" + i, T0));
            }
            c.published("mqtt-late");
            Poll.until(WAIT, "the next group", () -> c.groups() == 2);
            assertTrue(store.contains("mqtt-late", T0));
            c.close();
        }
    }
}
