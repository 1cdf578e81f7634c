package org.bourtol.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persisted dedup store shared by SMS (MessageSids) and MQTT (published record ids). */
class SeenIdsTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path dir;

    @Test
    void aGroupIsDurableAndReadBackAfterARestart() {
        try (SeenIds s = new SeenIds(dir, "mqtt-published.log", 100, WEEK, T0)) {
            s.rememberAll(List.of("mqtt-aa", "mqtt-bb", "lorawan-cc"), T0);
            assertTrue(s.contains("mqtt-bb", T0));
        }
        try (SeenIds s = new SeenIds(dir, "mqtt-published.log", 100, WEEK, T0.plusSeconds(1))) {
            assertEquals(3, s.size());
            assertTrue(s.contains("mqtt-aa", T0.plusSeconds(1)));
            assertEquals(Optional.of(""), s.value("lorawan-cc", T0.plusSeconds(1)));
            assertFalse(s.contains("mqtt-dd", T0.plusSeconds(1)));
        }
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheRestKept() throws IOException {
        try (SeenIds s = new SeenIds(dir, "ids.log", 100, WEEK, T0)) {
            s.remember("mqtt-aa", "", T0);
        }
        Files.writeString(dir.resolve("ids.log"), T0.toEpochMilli() + " mqtt-b", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (SeenIds s = new SeenIds(dir, "ids.log", 100, WEEK, T0)) {
            assertEquals(1, s.size());
            assertTrue(s.contains("mqtt-aa", T0));
            s.remember("mqtt-cc", "", T0);
        }
        try (SeenIds s = new SeenIds(dir, "ids.log", 100, WEEK, T0)) {
            assertEquals(2, s.size());
        }
    }

    @Test
    void theFileStaysBoundedWhileRunning() throws IOException {
        try (SeenIds s = new SeenIds(dir, "ids.log", 10, WEEK, T0)) {
            IntStream.range(0, 500).forEach(i -> s.rememberAll(List.of("mqtt-" + i, "mqtt-x" + i), T0));
            assertEquals(10, s.size());
            assertTrue(Files.readAllLines(dir.resolve("ids.log")).size() <= 2 * 10 + 2);
            assertTrue(s.contains("mqtt-x499", T0));
            assertFalse(s.contains("mqtt-0", T0));
        }
        try (SeenIds s = new SeenIds(dir, "ids.log", 10, WEEK, T0)) {
            assertEquals(10, s.size());
            assertTrue(s.contains("mqtt-x499", T0));
        }
    }

    @Test
    void idsThatWouldBreakTheLineFormatAreRefused() {
        try (SeenIds s = new SeenIds(dir, "ids.log", 10, WEEK, T0)) {
            assertThrows(IllegalArgumentException.class, () -> s.remember("a b", "", T0));
            assertThrows(IllegalArgumentException.class, () -> s.rememberAll(List.of("a\nb"), T0));
        }
    }

    /**
     * A write holding the file (here held by the test, as an fsync would) does not hold up lookups, and what it
     * writes is not looked up before it is durable.
     */
    @Test
    void lookupsDoNotWaitForAWriteInProgressAndSeeOnlyDurableIds() throws Exception {
        try (SeenIds s = new SeenIds(dir, "mqtt-published.log", 100, WEEK, T0)) {
            s.remember("mqtt-aa", "", T0);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread fsync = new Thread(() -> {
                synchronized (s.fileLock) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            fsync.start();
            holding.await();
            CompletableFuture<Void> second;
            try {
                second = CompletableFuture.runAsync(() -> s.remember("mqtt-bb", "", T0));
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    assertTrue(s.contains("mqtt-aa", T0));
                    assertFalse(s.contains("mqtt-bb", T0), "not durable yet");
                    assertEquals(1, s.size());
                }, "a lookup waited for the file");
                assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS), "the second write waits for the file");
            } finally {
                release.countDown();
            }
            second.get(10, TimeUnit.SECONDS);
            fsync.join();
            assertTrue(s.contains("mqtt-bb", T0));
        }
        try (SeenIds s = new SeenIds(dir, "mqtt-published.log", 100, WEEK, T0)) {
            assertTrue(s.contains("mqtt-bb", T0), "written before it was looked up");
        }
    }
}
