package org.bourtol.rules.reports;

import static org.bourtol.rules.Fixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.rules.TopologyHarness;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code community-flood-reports} through the production topology: what a DRR officer sees on the alerts
 * topic for corrupt records, late reports within the grace period, and a rule changed mid-stream.
 */
class FloodReportsTopologyTest {

    static final Instant T = Instant.parse("2020-08-20T08:00:00Z");
    @AutoClose
    private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6),
            "{'id':'flood-reports','type':'community-flood-reports','enabled':true,'zones':['mopti-ville','konna'],"
                    + "'params':{'threshold':%s,'windowHours':24},'severity':{'fire':'Severe'}}");

    private static List<String> evidenceIds(AlertEvent e) {
        return e.alert().evidence().stream().map(Evidence::observationId).toList();
    }

    @Test
    void corruptRecordsAreSkippedAndOnlyTheValidReportsCount() {
        h.publish(2.0);
        CommunityReport a = report("mopti-ville", ReportType.FLOOD, true, "r-a", T);
        h.observe(a);
        h.corrupt();
        h.rawObservations.pipeInput("mopti-ville",
                "{\"kind\":\"report\",\"type\":\"FLOOD\",\"zoneId\":\"mopti-ville\",\"verified\":tru".getBytes(StandardCharsets.UTF_8));
        h.rawObservations.pipeInput("mopti-ville", "{\"kind\":\"report\",\"type\":\"TSUNAMI\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(h.drain().isEmpty(), "1 of 2: the corrupt records count for nothing");
        CommunityReport b = report("mopti-ville", ReportType.FLOOD, true, "r-b", T.plusSeconds(600));
        h.observe(b);
        List<AlertEvent> events = h.drain();
        assertEquals(1, events.size());
        Alert alert = events.get(0).alert();
        assertEquals(AlertEventType.RAISED, events.get(0).type());
        assertEquals(Hazard.FLOOD, alert.hazard());
        assertEquals("mopti-ville", alert.zone());
        assertEquals(Severity.Severe, alert.severity());
        assertEquals(List.of(a.id(), b.id()), evidenceIds(events.get(0)), "evidence: the two valid reports only");
    }

    @Test
    void aLateReportWithinGraceCountsAndMovesTheOnsetBack() {
        h.publish(2.0);
        CommunityReport onTime = report("konna", ReportType.FLOOD, true, "r-a", T.plus(Duration.ofHours(2)));
        CommunityReport late = report("konna", ReportType.FLOOD, true, "r-b", T);
        h.observe(onTime);
        assertTrue(h.drain().isEmpty());
        h.observe(late);
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RAISED), events.stream().map(AlertEvent::type).toList());
        assertEquals("konna", events.get(0).alert().zone());
        assertEquals(List.of(late.id(), onTime.id()), evidenceIds(events.get(0)), "evidence in event-time order");
        assertEquals(onTime.observedAt(), events.get(0).alert().raisedAt(), "in order, the second report (T+2h) made it 2 of 2");

        String raisedId = events.get(0).alertId();
        CommunityReport third = report("konna", ReportType.FLOOD, false, "r-c", T.plus(Duration.ofHours(3)));
        CommunityReport lateToo = report("konna", ReportType.FLOOD, true, "r-d", T.plus(Duration.ofHours(1)));
        h.observe(third);
        h.drain();
        h.observe(lateToo);
        events = h.drain();
        assertEquals(List.of(AlertEventType.UPDATED), events.stream().map(AlertEvent::type).toList(),
                "a late report joining an active alert updates it, never duplicates it");
        assertTrue(evidenceIds(events.get(0)).contains(lateToo.id()), events.get(0).alert().evidence().toString());
        assertEquals(lateToo.observedAt(), events.get(0).alert().raisedAt(),
                "in order, the report of T+1h made it 2 of 2: the onset moves back to it, same alert");
        assertEquals(raisedId, events.get(0).alertId());
    }

    @Test
    void aReportOlderThanTheGracePeriodIsDropped() {
        h.publish(2.0);
        h.observe(report("konna", ReportType.FLOOD, true, "r-a", T.plus(Duration.ofHours(10))));
        h.observe(report("konna", ReportType.FLOOD, true, "r-b", T));
        assertTrue(h.drain().isEmpty(), "10 h late with a 6 h grace period: not counted");
    }

    @Test
    void aRuleChangedMidStreamAppliesToTheReportsAlreadyInTheWindow() {
        h.publish(3.0);
        h.observe(report("mopti-ville", ReportType.FLOOD, true, "r-a", T), report("mopti-ville", ReportType.FLOOD, true, "r-b", T.plusSeconds(60)));
        assertTrue(h.drain().isEmpty(), "2 of 3");
        h.publish(2.5);
        h.observe(report("mopti-ville", ReportType.FLOOD, false, "r-c", T.plusSeconds(120)));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RAISED), events.stream().map(AlertEvent::type).toList(), "2.5 of 2.5 under the lowered threshold");
        assertEquals(3, events.get(0).alert().evidence().size());

        h.publish(10.0);
        h.observe(report("mopti-ville", ReportType.FLOOD, false, "r-d", T.plusSeconds(180)));
        events = h.drain();
        assertEquals(List.of(AlertEventType.RESOLVED), events.stream().map(AlertEvent::type).toList(), "3 of 10 under the raised threshold");
        assertEquals("mopti-ville", events.get(0).alert().zone());
    }
}
