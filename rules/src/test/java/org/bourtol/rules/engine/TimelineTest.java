package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Source;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static GaugeReading reading(String id, Instant at) {
        return new GaugeReading(id, Source.MQTT, at, at, null, true, "niamey", 500);
    }

    @Test
    void pendingKeyIsTheKeyThenFixedWidthTimeThenId() {
        for (Instant at : List.of(Instant.parse("2025-08-01T06:00:00Z"), Instant.parse("2025-08-01T06:00:00.000000007Z"),
                Instant.parse("1965-01-01T00:00:00.5Z"), Instant.EPOCH, Instant.MAX, Instant.MIN)) {
            String expected = String.format("%s%012d%09d|%s", "niamey\u0000", at.getEpochSecond() + 100_000_000_000L, at.getNano(), "obs-1");
            assertEquals(expected, Timeline.pendingKey("niamey", reading("obs-1", at)));
        }
    }

    @Test
    void pendingKeysSortInEventTimeOrderThenById() {
        Instant t = Instant.parse("2025-08-01T06:00:00Z");
        String early = Timeline.pendingKey("z", reading("b", t.minusNanos(1)));
        String late = Timeline.pendingKey("z", reading("a", t));
        String tie = Timeline.pendingKey("z", reading("b", t));
        assertTrue(early.compareTo(late) < 0);
        assertTrue(late.compareTo(tie) < 0, "same instant: by id, as Timeline.ORDER");
    }

    @Test
    void thePendingBoundSeparatesTheInputsBeforeAnInstantFromTheOthers() {
        Instant t = Instant.parse("2025-08-01T06:00:00Z");
        String bound = Timeline.pendingBound("z", t);
        String before = Timeline.pendingKey("z", reading("zzz", t.minusNanos(1)));
        String at = Timeline.pendingKey("z", reading("!", t));
        assertTrue(Timeline.pendingPrefix("z").compareTo(bound) < 0);
        assertTrue(before.compareTo(bound) < 0, "an input before the instant sorts below the bound, whatever its id");
        assertTrue(at.compareTo(bound) > 0, "an input at the instant sorts above it");
        assertTrue(Timeline.pendingKey("y", reading("a", t.plusSeconds(5))).compareTo(Timeline.pendingPrefix("z")) < 0,
                "another key's inputs stay outside the range");
        assertTrue(Timeline.pendingKey("z", reading("a", Instant.parse("2999-01-01T00:00:00Z"))).compareTo(Timeline.pendingEnd("z")) < 0,
                "every input of the key sorts below its end");
        assertTrue(Timeline.pendingEnd("z").compareTo(Timeline.pendingPrefix("z0")) < 0, "and the next key's inputs above it");
    }
}
