package org.bourtol.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
