package org.bourtol.rules.upstream;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Urgency;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpstreamLeadTest {

    private static final UpstreamLeadRule.Params P = new UpstreamLeadRule.Params("ansongo", 600, Duration.ofHours(96), 20);

    @Test
    void crossingUpstreamAnnouncesTheArrivalAndHysteresisHoldsIt() {
        Step<UpstreamLeadRule.State> s = UpstreamLeadRule.step(UpstreamLeadRule.State.INITIAL, gauge("ansongo", 590, day(8, 10, 6)), P, day(8, 10, 6));
        assertInstanceOf(Verdict.Clear.class, s.verdict());
        s = UpstreamLeadRule.step(s.state(), gauge("ansongo", 605, day(8, 11, 6)), P, day(8, 11, 6));
        assertEquals("2020-08-15", ((Verdict.Fire) s.verdict()).threshold());
        s = UpstreamLeadRule.step(s.state(), gauge("ansongo", 590, day(8, 12, 6)), P, day(8, 12, 6));
        assertInstanceOf(Verdict.Fire.class, s.verdict(), "inside the hysteresis band");
        s = UpstreamLeadRule.step(s.state(), gauge("ansongo", 580, day(8, 13, 6)), P, day(8, 13, 6));
        assertInstanceOf(Verdict.Clear.class, s.verdict());
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6),
                "{'id':'ansongo-niamey-lead','type':'upstream-lead','enabled':true,'zones':['niamey'],"
                        + "'params':{'upstream':'ansongo','upstreamCm':%s,'travelHours':96}}");

        @Test
        void upstreamCrossingRaisesADownstreamAlertWithLateDataCorruptRecordAndRuleChange() {
            h.publish(600);
            h.corrupt();
            h.observe(gauge("ansongo", 575, day(8, 11, 6)), gauge("ansongo", 610, day(8, 11, 3)));
            assertEquals(List.of(AlertEventType.RAISED, AlertEventType.RESOLVED), h.drain().stream().map(AlertEvent::type).toList(),
                    "in event-time order 610 then 575: raised then back below the band, as in-order data would give");
            h.publish(580);
            h.observe(gauge("ansongo", 592, day(8, 11, 9)));
            List<AlertEvent> events = h.drain();
            AlertEvent e = events.get(0);
            assertEquals(AlertEventType.RAISED, e.type());
            assertEquals("niamey", e.alert().zone());
            assertEquals(Urgency.Expected, e.alert().urgency());
            assertTrue(e.alert().headline().get("fr").startsWith("Crue attendue a Niamey vers le 2020-08-15"), e.alert().headline().toString());
        }
    }
}
