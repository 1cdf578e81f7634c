package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

/** The console keeps gauge readings from the observations topic by their {@code kind}, read without binding the record. */
class ConsoleDataTest {

    @Test
    void theKindOfEveryObservationAsTheTopicHoldsIt() {
        Instant t = Instant.parse("2026-08-10T07:00:00Z");
        Map<String, Observation> byKind = Map.of(
                "gauge", new GaugeReading("g1", Source.MQTT, t, t, null, true, "niamey", 455),
                "rain", new RainReading("r1", Source.MQTT, t, t, null, true, "mopti", 12.5, 60),
                "herd", new HerdPosition("h1", Source.MQTT, t, t, null, true, "herd-7", 14.5, -4.2, 120, Species.CATTLE, null, null, null,
                        null, null));
        byKind.forEach((kind, o) -> {
            byte[] json = Topics.OBSERVATIONS.valueBytes(o);
            assertEquals(kind, ConsoleData.kind(json), new String(json, StandardCharsets.UTF_8));
            assertTrue(new String(json, StandardCharsets.UTF_8).startsWith("{\"kind\":\""), "the kind comes first, read from the bytes");
        });
    }

    @Test
    void aKindWrittenFirstReadsAsTheParserReadsIt() {
        assertEquals("gauge", ConsoleData.kind(bytes("{\"kind\":\"gauge\",\"id\":\"x\"}")));
        assertEquals("", ConsoleData.kind(bytes("{\"kind\":\"\"}")));
        assertEquals("ga\"uge", ConsoleData.kind(bytes("{\"kind\":\"ga\\\"uge\"}")), "an escape goes to the parser");
        assertEquals("pluie", ConsoleData.kind(bytes("{\"kind\":\"pluie\"}")));
        assertNull(ConsoleData.kind(bytes("{\"kind\":\"gauge")), "unterminated");
    }

    @Test
    void kindAfterOtherFieldsAndNestedValuesIsFound() {
        assertEquals("gauge", ConsoleData.kind(bytes("{\"id\":\"x\",\"place\":{\"kind\":\"herd\",\"at\":[1,2]},\"tags\":[{\"kind\":\"rain\"}],\"kind\":\"gauge\"}")));
    }

    @Test
    void recordsWithoutAKindAreNotReadings() {
        assertNull(ConsoleData.kind(bytes("{\"id\":\"x\"}")));
        assertNull(ConsoleData.kind(bytes("{\"kind\":3}")));
        assertNull(ConsoleData.kind(bytes("[\"kind\",\"gauge\"]")));
        assertNull(ConsoleData.kind(bytes("not json")));
        assertNull(ConsoleData.kind(bytes("{\"kind\":")));
        assertNull(ConsoleData.kind(new byte[0]));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
