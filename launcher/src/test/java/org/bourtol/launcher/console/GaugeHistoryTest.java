package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.launcher.console.GaugeHistory.Point;
import org.junit.jupiter.api.Test;

class GaugeHistoryTest {

    private static final Instant T = Instant.parse("2026-08-20T06:00:00Z");

    @Test
    void influxAndTopicReadingsMergeOnePerIdOldestFirstWithinTheWindow() {
        List<Point> influx = List.of(new Point(T.minus(Duration.ofDays(9)), 480, "g-old", "influx"),
                new Point(T.minus(Duration.ofDays(3)), 500, "g-1", "influx"),
                new Point(T.minus(Duration.ofDays(2)), 510, "g-2", "influx"));
        List<Point> kafka = List.of(new Point(T.minus(Duration.ofDays(2)), 510, "g-2", "kafka"),
                new Point(T.minusSeconds(60).plusMillis(500), 530, "g-4", "kafka"),
                new Point(T.minusSeconds(60), 520, "g-3", "kafka"));
        List<Point> merged = GaugeHistory.merge(T.minus(Duration.ofDays(7)), influx, kafka);
        assertEquals(List.of("g-1", "g-2", "g-3", "g-4"), merged.stream().map(Point::id).toList(), "the 9-day-old one is outside");
        assertEquals("kafka", merged.get(1).from(), "the topic's record wins for the same id");
    }

    @Test
    void atMostTheNewestPointsAreKept() {
        List<Point> many = new ArrayList<>();
        for (int i = 0; i < GaugeHistory.MAX_POINTS + 10; i++) {
            many.add(new Point(T.plusSeconds(i), 500, "g-" + i, "influx"));
        }
        List<Point> merged = GaugeHistory.merge(T, many, List.of());
        assertEquals(GaugeHistory.MAX_POINTS, merged.size());
        assertEquals("g-10", merged.get(0).id());
    }

    @Test
    void theWindowIsOneToNinetyDays() {
        assertEquals(Duration.ofDays(7), GaugeHistory.window(null));
        assertEquals(Duration.ofDays(30), GaugeHistory.window("30"));
        for (String bad : List.of("0", "91", "-1", "7d", "1.5")) {
            assertThrows(IllegalArgumentException.class, () -> GaugeHistory.window(bad), bad);
        }
    }
}
