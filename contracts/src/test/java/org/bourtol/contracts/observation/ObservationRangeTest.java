package org.bourtol.contracts.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A value out of range is refused with a problem naming the field, the value and the range (ingest's rejection reason). */
class ObservationRangeTest {

    private static final Instant T = Instant.parse("2026-08-01T10:00:00Z");

    private static String problem(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void eachFieldOutOfRangeIsNamedWithItsValueAndRange() {
        assertEquals("levelCm 2001 is out of range (-500..2000)",
                problem(() -> new GaugeReading("g1", Source.MQTT, T, T, null, true, "MOPTI", 2001)));
        assertEquals("mm 500.5 is out of range (0..500)",
                problem(() -> new RainReading("r1", Source.MQTT, T, T, null, true, "MOPTI", 500.5, 60)));
        assertEquals("lat 91.0 is out of range (-90..90)", problem(() -> herd(91.0, 4.2, 12, null)));
        assertEquals("headCount 0 is out of range (1..100000)", problem(() -> herd(14.5, 4.2, 0, null)));
        assertEquals("headingDeg 360.0 is out of range (0..360)", problem(() -> herd(14.5, 4.2, 12, 360.0)));
    }

    @Test
    void valuesInRangeAndAbsentOptionalOnesPass() {
        assertEquals(-500, new GaugeReading("g1", Source.MQTT, T, T, null, true, "MOPTI", -500).levelCm());
        assertEquals(12, herd(14.5, -4.2, 12, null).headCount());
    }

    private static HerdPosition herd(double lat, double lon, int head, Double heading) {
        return new HerdPosition("h1", Source.MQTT, T, T, null, true, "HERD-1", lat, lon, head, Species.CATTLE, heading, null, null, null, null);
    }
}
