package org.bourtol.rules.gauge;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiseRateTest {

    private static final RiseRateRule.Params P = new RiseRateRule.Params(100, Duration.ofHours(72));

    /** Levels at day 1, 2, 3, 4 (06:00), expected verdict after the last. */
    @ParameterizedTest
    @CsvSource({"400 430 470 499, pending", "400 430 470 500, fire", "400 380 420 480, fire", "400 450 480 500 520, pending", "500 480 470 460, clear"})
    void riseWithinTheWindow(String levels, String expected) {
        Samples s = Samples.EMPTY;
        Verdict v = Verdict.CLEAR;
        int d = 1;
        for (String cm : levels.split(" ")) {
            Step<Samples> step = RiseRateRule.step(s, gauge("mopti", Integer.parseInt(cm), day(8, d, 6)), P, day(8, d, 6));
            s = step.state();
            v = step.verdict();
            d++;
        }
        String got = v instanceof Verdict.Fire ? "fire" : v instanceof Verdict.Pending ? "pending" : "clear";
        assertEquals(expected, got);
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(12),
                "{'id':'niger-rise-rate','type':'gauge-rise-rate','enabled':true,'zones':['mopti'],"
                        + "'params':{'riseCm':%s,'windowHours':72}}");

        @Test
        void fastRiseWithLateLowReadingCorruptRecordAndRuleChange() {
            h.publish(100);
            h.corrupt();
            h.observe(gauge("mopti", 505, day(8, 3, 6)));
            h.observe(gauge("mopti", 415, day(8, 3, 0)), gauge("mopti", 410, day(8, 1, 6)));
            assertTrue(h.drain().isEmpty(), "day 1 reading is older than the grace period: ignored");
            h.observe(gauge("mopti", 505, day(8, 3, 4)));
            assertTrue(h.drain().isEmpty());
            h.publish(90);
            h.observe(gauge("mopti", 508, day(8, 3, 8)));
            List<AlertEvent> events = h.drain();
            assertEquals(AlertEventType.RAISED, events.get(0).type());
            assertTrue(events.get(0).alert().headline().get("fr").contains("+93 cm en 72 h"), events.get(0).alert().headline().toString());
        }
    }
}
