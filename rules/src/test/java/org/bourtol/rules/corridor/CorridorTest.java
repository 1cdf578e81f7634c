package org.bourtol.rules.corridor;

import static org.bourtol.rules.Fixtures.herd;
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
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CorridorTest {

    static final Instant T = Instant.parse("2020-11-20T06:00:00Z");
    static final double ON_LAT = 14.16;
    static final double ON_LON = -5.01;
    static final double OFF_LON = -4.95;
    private static final CorridorRule.Params P = new CorridorRule.Params(3, Duration.ofMinutes(120));

    private static Step<CorridorRule.State> at(CorridorRule.State s, double distance, Instant t) {
        return CorridorRule.step(s, new CorridorRule.Input(herd("h1", ON_LAT, ON_LON, 200, t), Map.of("c", distance), Map.of("c", 2000.0)), P, t);
    }

    @Test
    void threeReportsOutsideTheBufferFireAndComingBackClears() {
        Step<CorridorRule.State> s = at(CorridorRule.State.INITIAL, 5000, T);
        assertInstanceOf(Verdict.Clear.class, s.verdict(), "never on the corridor");
        s = at(s.state(), 500, T.plusSeconds(600));
        assertInstanceOf(Verdict.Clear.class, s.verdict());
        s = at(s.state(), 2500, T.plusSeconds(1200));
        assertInstanceOf(Verdict.Pending.class, s.verdict());
        s = at(s.state(), 2600, T.plusSeconds(1800));
        assertInstanceOf(Verdict.Pending.class, s.verdict());
        s = at(s.state(), 2700, T.plusSeconds(2400));
        assertInstanceOf(Verdict.Fire.class, s.verdict());
        s = at(s.state(), 1500, T.plusSeconds(3000));
        assertInstanceOf(Verdict.Clear.class, s.verdict());
    }

    @Test
    void persistenceAloneFires() {
        Step<CorridorRule.State> s = at(CorridorRule.State.INITIAL, 100, T);
        s = at(s.state(), 3000, T.plusSeconds(60));
        s = at(s.state(), 3000, T.plusSeconds(60 + 7200));
        assertInstanceOf(Verdict.Fire.class, s.verdict());
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(1),
                "{'id':'corridor-deviation','type':'corridor-deviation','enabled':true,"
                        + "'zones':['corridor-diafarabe-crossing'],'params':{'consecutiveReports':%s,'minutes':600}}");

        @Test
        void herdLeavingTheCrossingCorridorWithLateDataCorruptRecordAndRuleChange() {
            h.publish(3);
            h.corrupt();
            h.observe(herd("h1", ON_LAT, OFF_LON, 200, T.plusSeconds(1200)), herd("h1", ON_LAT, OFF_LON, 200, T.plusSeconds(1800)));
            h.observe(herd("h1", ON_LAT, ON_LON, 200, T));
            assertTrue(h.drain().isEmpty(), "on the corridor, then 2 of 3 reports outside");
            h.publish(2);
            h.observe(herd("h1", ON_LAT, OFF_LON, 200, T.plusSeconds(2400)));
            List<AlertEvent> events = h.drain();
            assertEquals(AlertEventType.RAISED, events.get(0).type());
            assertEquals("corridor-diafarabe-crossing", events.get(0).alert().zone());
        }
    }
}
