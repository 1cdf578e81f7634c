package org.bourtol.rules.gauge;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Source;
import org.bourtol.rules.TopologyHarness;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class GaugeLevelTopologyTest {

    /** The Niamey gauge-level rule with its warning level in place of {@code %s}. */
    private static final String NIAMEY = "{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
            + "'params':{'warningCm':%s,'alertCm':580,'dangerCm':620,'hysteresisCm':20,'holdMinutes':720},"
            + "'severity':{'warning':'Moderate','alert':'Severe','danger':'Extreme'}}";

    @AutoClose
    private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6), NIAMEY);

    @Test
    void risingLevelsRaiseThenEscalateOneAlertAndSkipACorruptRecord() {
        h.publish(530);
        h.observe(gauge("niamey", 520, day(8, 1, 6)));
        h.corrupt();
        h.observe(gauge("niamey", 530, day(8, 2, 6)), gauge("niamey", 583, day(8, 9, 6)), gauge("niamey", 640, day(8, 16, 6)));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RAISED, AlertEventType.UPDATED, AlertEventType.UPDATED),
                events.stream().map(AlertEvent::type).toList());
        assertEquals(List.of(Severity.Moderate, Severity.Severe, Severity.Extreme),
                events.stream().map(e -> e.alert().severity()).toList());
        AlertEvent last = events.get(2);
        assertEquals("Niger a Niamey: 640 cm, seuil rouge 620 cm depasse", last.alert().headline().get("fr"));
        assertEquals("niamey", last.alert().zone());
        assertEquals(events.get(0).alertId(), last.alertId(), "stable id");
        assertTrue(last.alert().code().matches("[ACDEFHJKMNPRTUVWXY3479]{3,4}"));
        assertEquals("Point", last.alert().geometry().get("type").asText());
        assertEquals(3, last.alert().evidence().size());
        assertEquals(3, last.seq());
    }

    @Test
    void lateReadingWithinGraceGivesTheSameAlertAsInOrder() {
        h.publish(530);
        // in order elsewhere: 540 at 06:00 then 600 at 09:00; here 600 arrives first and 540 late
        h.observe(gauge("niamey", 600, day(8, 10, 9)), gauge("niamey", 540, day(8, 10, 6)));
        List<AlertEvent> events = h.drain();
        AlertEvent last = events.get(events.size() - 1);
        assertEquals(Severity.Severe, last.alert().severity());
        assertEquals("alert", last.alert().level());
        assertEquals(AlertEventType.RAISED, events.get(0).type());
        assertEquals(1, events.stream().filter(e -> e.type() == AlertEventType.RAISED).count());
    }

    @Test
    void aLateReadingThatJoinsARaisedAlertMovesItsOnsetBackAndAddsItsEvidence() {
        // in order: 540 at 06:00 raises (warning), 600 at 09:00 escalates (alert)
        org.bourtol.contracts.alert.Alert inOrder;
        try (TopologyHarness other = TopologyHarness.forRules(Duration.ofHours(6), NIAMEY)) {
            other.publish(530);
            other.observe(gauge("niamey", 540, day(8, 10, 6)), gauge("niamey", 600, day(8, 10, 9)));
            List<AlertEvent> events = other.drain();
            inOrder = events.get(events.size() - 1).alert();
        }
        // here 600 at 09:00 arrives first, then 540 at 06:00 late
        h.publish(530);
        h.observe(gauge("niamey", 600, day(8, 10, 9)), gauge("niamey", 540, day(8, 10, 6)));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RAISED, AlertEventType.UPDATED), events.stream().map(AlertEvent::type).toList());
        org.bourtol.contracts.alert.Alert late = events.get(1).alert();
        assertEquals(events.get(0).alertId(), late.id(), "the same alert, updated");
        assertEquals(events.get(0).alert().code(), late.code());
        assertEquals(inOrder.raisedAt(), late.raisedAt(), "onset of the condition, as with in-order data");
        assertEquals(inOrder.level(), late.level());
        assertEquals(inOrder.severity(), late.severity());
        assertEquals(inOrder.evidence().stream().map(e -> e.observationId()).sorted().toList(),
                late.evidence().stream().map(e -> e.observationId()).sorted().toList());
    }

    @Test
    void aThresholdChangedMidStreamAppliesToTheNextReading() {
        h.publish(530);
        h.observe(gauge("niamey", 520, day(8, 1, 6)));
        assertTrue(h.drain().isEmpty());
        h.publish(500);
        h.observe(gauge("niamey", 521, day(8, 1, 12)));
        List<AlertEvent> events = h.drain();
        assertEquals(1, events.size());
        assertEquals(AlertEventType.RAISED, events.get(0).type());
        assertEquals("500 cm", events.get(0).alert().headline().get("fr").replaceAll(".*seuil jaune (\\d+ cm).*", "$1"));
    }

    @Test
    void descentResolvesAfterHoldAndAVerifiedAckIsRecordedOnce() {
        h.publish(530);
        h.observe(gauge("niamey", 540, day(8, 2, 6)));
        AlertEvent raised = h.drain().get(0);
        AckRequest ack = new AckRequest("ack-1", raised.alert().code().toLowerCase(), null, "r-0123456789abcdef", Source.SMS, day(8, 2, 7));
        h.acks.pipeInput(ack.code(), ack);
        assertTrue(h.drain().isEmpty(), "an SMS acknowledgement stops nothing until the notifier has verified its sender");
        h.acks.pipeInput(ack.code(), ack.verifiedFor(raised.alertId()));
        h.acks.pipeInput(ack.code(), ack.verifiedFor(raised.alertId()));
        h.observe(gauge("niamey", 500, day(8, 3, 6)), gauge("niamey", 495, day(8, 3, 19)));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.ACKNOWLEDGED, AlertEventType.UPDATED, AlertEventType.RESOLVED),
                events.stream().map(AlertEvent::type).toList(), "the reading inside the hold updates the evidence");
        assertEquals("r-0123456789abcdef", events.get(0).alert().acknowledgedBy());
        assertEquals(AlertState.RESOLVED, events.get(2).alert().state());
        h.observe(gauge("niamey", 545, day(8, 5, 6)));
        AlertEvent again = h.drain().get(0);
        assertEquals(AlertEventType.RAISED, again.type());
        assertTrue(!again.alertId().equals(raised.alertId()), "a new alert after resolution");
    }

    @Test
    void anOfficerResolveOnTheAcksTopicResolvesAndTheSameLevelDoesNotRaiseItAgain() {
        h.publish(530);
        h.observe(gauge("niamey", 540, day(8, 2, 6)));
        AlertEvent raised = h.drain().get(0);
        AckRequest resolve = AckRequest.resolve("res-1", raised.alertId(), "agent-diallo", day(8, 2, 8), "gauge misread, checked on site");
        h.acks.pipeInput(raised.alertId(), resolve);
        h.acks.pipeInput(raised.alertId(), resolve);
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RESOLVED), events.stream().map(AlertEvent::type).toList(), "once");
        assertEquals("resolved by agent-diallo: gauge misread, checked on site", events.get(0).note());
        assertEquals(day(8, 2, 8), events.get(0).alert().resolvedAt());
        h.observe(gauge("niamey", 545, day(8, 2, 9)), gauge("niamey", 550, day(8, 2, 12)));
        assertTrue(h.drain().isEmpty(), "still yellow: held after the officer's resolve");
        h.observe(gauge("niamey", 590, day(8, 2, 15)));
        AlertEvent again = h.drain().get(0);
        assertEquals(AlertEventType.RAISED, again.type(), "orange is worse than what was resolved");
        assertEquals(Severity.Severe, again.alert().severity());
    }

    @Test
    void aRuleSavedWithoutASeverityMappingStillGivesExtremeAtDangerLevel() {
        // a PUT replaces the whole rule: an officer who changes a threshold and omits 'severity'
        h.rule("{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
                + "'params':{'warningCm':520,'alertCm':580,'dangerCm':620}}");
        h.observe(gauge("niamey", 525, day(8, 2, 6)), gauge("niamey", 585, day(8, 9, 6)), gauge("niamey", 630, day(8, 16, 6)));
        assertEquals(List.of(Severity.Moderate, Severity.Severe, Severity.Extreme),
                h.drain().stream().map(e -> e.alert().severity()).toList());
    }

    @Test
    void aPartialSeverityMappingKeepsTheDefaultsForTheLevelsItDoesNotName() {
        h.rule("{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
                + "'params':{'warningCm':530,'alertCm':580,'dangerCm':620},'severity':{'warning':'Minor'}}");
        h.observe(gauge("niamey", 535, day(8, 2, 6)), gauge("niamey", 630, day(8, 16, 6)));
        assertEquals(List.of(Severity.Minor, Severity.Extreme), h.drain().stream().map(e -> e.alert().severity()).toList());
    }

    /**
     * Publishes a Niamey gauge-level rule with {@code params}, checks that {@code quiet} raises nothing ({@code why}), and
     * returns the alert events {@code then} gives.
     */
    private List<AlertEvent> quietThenRaised(String id, String params, GaugeReading quiet, String why, GaugeReading... then) {
        h.rule("{'id':'" + id + "','type':'gauge-level','enabled':true,'zones':['niamey'],'params':" + params + "}");
        h.observe(quiet);
        assertTrue(h.drain().isEmpty(), why);
        h.observe(then);
        return h.drain();
    }

    @Test
    void withoutLevelsInTheRuleTheStationsPublishedLevelsApply() {
        // the default Niamey station publishes warning 530 / alert 580 / danger 620 cm
        List<AlertEvent> events = quietThenRaised("niamey-station-levels", "{'hysteresisCm':20}", gauge("niamey", 525, day(8, 1, 6)),
                "below the station's warning level", gauge("niamey", 535, day(8, 2, 6)), gauge("niamey", 625, day(8, 9, 6)));
        assertEquals(List.of("warning", "danger"), events.stream().map(e -> e.alert().level()).toList());
        assertEquals(List.of(Severity.Moderate, Severity.Extreme), events.stream().map(e -> e.alert().severity()).toList());
        assertEquals("Niger a Niamey: 625 cm, seuil rouge 620 cm depasse", events.get(1).alert().headline().get("fr"));
    }

    @Test
    void theRulesLevelsWinOverTheStationsWhenBothAreGiven() {
        AlertEvent raised = quietThenRaised("niamey-own-levels", "{'alertCm':600}", gauge("niamey", 590, day(8, 2, 6)),
                "590 cm is above the station's alert level (580) but below the rule's (600)", gauge("niamey", 605, day(8, 3, 6))).get(0);
        assertEquals(AlertEventType.RAISED, raised.type());
        assertEquals("alert", raised.alert().level());
        assertEquals(Severity.Severe, raised.alert().severity());
        assertTrue(raised.alert().headline().get("en").contains("600 cm"), raised.alert().headline().get("en"));
    }

    @Test
    void aRuleStoredBeforeUnknownParametersWereRefusedStillRuns() {
        h.rule("{'id':'niamey-typo','type':'gauge-level','enabled':true,'zones':['niamey'],"
                + "'params':{'warningCm':530,'hysterisisCm':5}}");
        h.observe(gauge("niamey", 540, day(8, 2, 6)));
        assertEquals(List.of(AlertEventType.RAISED), h.drain().stream().map(AlertEvent::type).toList());
    }
}
