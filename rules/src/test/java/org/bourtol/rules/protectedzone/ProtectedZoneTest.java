package org.bourtol.rules.protectedzone;

import static org.bourtol.rules.Fixtures.herd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtectedZoneTest {

    /** Inside farm-konna-rice (default dataset). */
    static final double LAT = 14.9036;
    static final double LON = -3.8589;
    static final Instant DEC = Instant.parse("2020-12-01T08:00:00Z");
    private static final ProtectedZoneRule.Params PARAMS = new ProtectedZoneRule.Params(1, 100, 500, true);

    @ParameterizedTest
    @CsvSource({"40, Moderate", "99, Moderate", "100, Severe", "499, Severe", "500, Extreme", "3000, Extreme"})
    void severityGrowsWithHeadCount(int head, Severity expected) {
        Step<ProtectedZoneRule.State> s = ProtectedZoneRule.step(ProtectedZoneRule.State.INITIAL,
                new ProtectedZoneRule.Input(herd("h1", LAT, LON, head, DEC), "farm", "Farm", "01-15"), PARAMS, DEC);
        assertEquals(expected, ((Verdict.Fire) s.verdict()).severity());
    }

    @Test
    void outsideIsClearAndConsecutiveReportsArePendingFirst() {
        ProtectedZoneRule.Params two = new ProtectedZoneRule.Params(2, 100, 500, true);
        Step<ProtectedZoneRule.State> s = ProtectedZoneRule.step(ProtectedZoneRule.State.INITIAL,
                new ProtectedZoneRule.Input(herd("h1", LAT, LON, 50, DEC), null, null, null), two, DEC);
        assertInstanceOf(Verdict.Clear.class, s.verdict());
        s = ProtectedZoneRule.step(s.state(), new ProtectedZoneRule.Input(herd("h1", LAT, LON, 50, DEC), "farm", "Farm", "01-15"), two, DEC);
        assertInstanceOf(Verdict.Pending.class, s.verdict());
        s = ProtectedZoneRule.step(s.state(), new ProtectedZoneRule.Input(herd("h1", LAT, LON, 50, DEC), "farm", "Farm", "01-15"), two, DEC);
        assertInstanceOf(Verdict.Fire.class, s.verdict());
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(2),
                "{'id':'farmland-protection','type':'herd-in-protected-zone','enabled':true,"
                        + "'zones':['farm-konna-rice','farm-djenne-rice'],'params':{'severeAtHead':%s,"
                        + "'extremeAtHead':5000,'consecutiveReports':%s},'severity':{'fire':'Moderate'}}");

        @Test
        void herdInFarmlandBeforeReleaseRaisesACommuneAlertAndLeavingResolvesIt() {
            h.publish(100, 1);
            h.corrupt();
            h.observe(herd("h1", LAT, LON, 250, DEC), herd("h1", LAT + 0.2, LON, 250, DEC.plusSeconds(3600)));
            List<AlertEvent> events = h.drain();
            assertEquals(List.of(AlertEventType.RAISED, AlertEventType.RESOLVED), events.stream().map(AlertEvent::type).toList());
            AlertEvent raised = events.get(0);
            assertEquals("konna", raised.alert().zone(), "alert for the farmland's commune");
            assertEquals(Hazard.CONFLICT, raised.alert().hazard());
            assertEquals(Severity.Severe, raised.alert().severity());
            assertTrue(raised.alert().headline().get("fr").contains("Rizieres de Konna"), raised.alert().headline().toString());
        }

        @Test
        void afterTheFieldReleaseDateNothingFires() {
            h.publish(100, 1);
            h.observe(herd("h1", LAT, LON, 250, Instant.parse("2021-01-20T08:00:00Z")));
            assertTrue(h.drain().isEmpty());
        }

        @Test
        void lateReportWithinGraceCountsAsIfInOrder() {
            h.publish(100, 2);
            h.observe(herd("h1", LAT, LON, 250, DEC.plusSeconds(1800)));
            assertTrue(h.drain().isEmpty(), "one report of two");
            h.observe(herd("h1", LAT, LON, 250, DEC));
            List<AlertEvent> events = h.drain();
            assertEquals(1, events.size());
            assertEquals(AlertEventType.RAISED, events.get(0).type());
        }

        @Test
        void ruleChangedMidStreamAppliesToTheNextReport() {
            h.publish(100, 1);
            h.observe(herd("h1", LAT, LON, 250, DEC));
            assertEquals(Severity.Severe, h.drain().get(0).alert().severity());
            h.publish(1000, 1);
            h.observe(herd("h1", LAT, LON, 260, DEC.plusSeconds(600)));
            List<AlertEvent> events = h.drain();
            assertEquals(AlertEventType.UPDATED, events.get(0).type());
            assertEquals(Severity.Moderate, events.get(0).alert().severity());
        }
    }
}
