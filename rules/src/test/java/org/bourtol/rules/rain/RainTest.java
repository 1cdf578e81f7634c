package org.bourtol.rules.rain;

import static org.bourtol.rules.Fixtures.rain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RainTest {

    static final Instant T = Instant.parse("2020-08-10T00:00:00Z");
    private static final RainRule.Params P = new RainRule.Params(50, Duration.ofHours(24));

    @Test
    void rainSumsOverTheWindowOnly() {
        Samples s = Samples.EMPTY;
        Step<Samples> step = RainRule.step(s, rain("niamey", 30, T), P, T);
        assertInstanceOf(Verdict.Pending.class, step.verdict());
        step = RainRule.step(step.state(), rain("niamey", 25, T.plusSeconds(3600 * 5)), P, T.plusSeconds(3600 * 5));
        assertInstanceOf(Verdict.Fire.class, step.verdict());
        assertEquals("55 mm", ((Verdict.Fire) step.verdict()).measure());
        step = RainRule.step(step.state(), rain("niamey", 10, T.plusSeconds(3600 * 26)), P, T.plusSeconds(3600 * 26));
        assertInstanceOf(Verdict.Pending.class, step.verdict(), "the first 30 mm left the window");
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6),
                "{'id':'heavy-rain','type':'rain-accumulation','enabled':true,'zones':['niamey'],"
                        + "'params':{'thresholdMm':%s,'windowHours':24}}");

        @Test
        void heavyRainWithLateReadingCorruptRecordAndRuleChange() {
            h.publish(50);
            h.corrupt();
            h.observe(rain("niamey", 30, T.plusSeconds(7200)));
            h.observe(rain("niamey", 15, T));
            assertTrue(h.drain().isEmpty(), "45 of 50");
            h.observe(rain("niamey", 6, T.plusSeconds(3600)));
            List<AlertEvent> events = h.drain();
            assertEquals(AlertEventType.RAISED, events.get(0).type(), "late reading inside the grace period counts");
            assertEquals(Map.of("fr", "Fortes pluies a Niamey: 51 mm en 24 h (seuil 50 mm)",
                    "en", "Heavy rain at Niamey: 51 mm within 24 h (threshold 50 mm)",
                    "bm", "Sanji caman Niamey: 51 mm leere 24 (dan 50 mm)"), events.get(0).alert().headline(),
                    "Bambara comes from a file in the test resources only, transliterated to GSM-7");
            h.publish(80);
            h.observe(rain("niamey", 1, T.plusSeconds(9000)));
            assertEquals(AlertEventType.RESOLVED, h.drain().get(0).type());
        }
    }
}
