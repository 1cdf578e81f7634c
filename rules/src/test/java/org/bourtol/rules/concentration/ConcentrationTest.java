package org.bourtol.rules.concentration;

import static org.bourtol.rules.Fixtures.herd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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

class ConcentrationTest {

    static final Instant T = Instant.parse("2021-03-01T08:00:00Z");
    /** Inside wp-konna-mare (capacity 800). */
    static final double LAT = 14.9836;
    static final double LON = -3.9389;
    private static final ConcentrationRule.Params P = new ConcentrationRule.Params(Duration.ofHours(6), 1.0);

    private static Verdict run(Samples[] state, String herdId, int head, Instant at) {
        Step<Samples> s = ConcentrationRule.step(state[0], herd(herdId, LAT, LON, head, at), 800, P, at);
        state[0] = s.state();
        return s.verdict();
    }

    @Test
    void distinctHerdsAddUpAndARepeatedHerdCountsOnce() {
        Samples[] s = {Samples.EMPTY};
        assertInstanceOf(Verdict.Clear.class, run(s, "h1", 300, T));
        assertInstanceOf(Verdict.Clear.class, run(s, "h1", 320, T.plusSeconds(600)));
        assertInstanceOf(Verdict.Pending.class, run(s, "h2", 400, T.plusSeconds(1200)));
        assertInstanceOf(Verdict.Fire.class, run(s, "h3", 100, T.plusSeconds(1800)));
    }

    @Test
    void herdsSeenBeforeTheWindowNoLongerCount() {
        Samples[] s = {Samples.EMPTY};
        run(s, "h1", 500, T);
        assertInstanceOf(Verdict.Fire.class, run(s, "h2", 400, T.plusSeconds(3600)));
        assertInstanceOf(Verdict.Clear.class, run(s, "h3", 100, T.plus(Duration.ofHours(8))));
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(1),
                "{'id':'water-point-crowding','type':'herd-concentration','enabled':true,'zones':['wp-konna-mare'],"
                        + "'params':{'windowHours':6,'capacityFactor':%s},'severity':{'fire':'Severe'}}");

        @Test
        void crowdingAtAWaterPointRaisesAnAlertWithLateDataAndCorruptRecords() {
            h.publish(1.0);
            h.corrupt();
            h.observe(herd("h1", LAT, LON, 500, T.plusSeconds(600)));
            h.observe(herd("h2", LAT, LON, 400, T));
            List<AlertEvent> events = h.drain();
            assertEquals(1, events.size());
            assertEquals("wp-konna-mare", events.get(0).alert().zone());
            assertTrue(events.get(0).alert().headline().get("en").contains("900 head, 2 herds"), events.get(0).alert().headline().toString());
        }

        @Test
        void raisingTheCapacityFactorMidStreamResolvesOnTheNextReport() {
            h.publish(1.0);
            h.observe(herd("h1", LAT, LON, 500, T), herd("h2", LAT, LON, 400, T.plusSeconds(60)));
            assertEquals(AlertEventType.RAISED, h.drain().get(0).type());
            h.publish(2.0);
            h.observe(herd("h3", LAT, LON, 10, T.plusSeconds(120)));
            assertEquals(AlertEventType.RESOLVED, h.drain().get(0).type());
        }
    }
}
