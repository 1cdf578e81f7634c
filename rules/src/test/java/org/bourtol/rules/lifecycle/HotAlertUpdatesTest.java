package org.bourtol.rules.lifecycle;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.rules.TopologyHarness;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A hot alert's updates of the same severity are published at most once per {@code rules.updateInterval}, the latest state:
 * a firing station's readings that change only the measure wait in the station's timeline (and reach the lifecycle as
 * one firing with all their evidence), and updates that do reach the lifecycle within the interval wait in the alert's slot.
 */
class HotAlertUpdatesTest {

    private static final String NIAMEY = "{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
            + "'params':{'warningCm':530,'alertCm':580,'dangerCm':620,'hysteresisCm':20,'holdMinutes':720},"
            + "'severity':{'warning':'Moderate','alert':'Severe','danger':'Extreme'}}";
    private static final Duration INTERVAL = Duration.ofMillis(200);

    @AutoClose
    private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6), INTERVAL, NIAMEY).publish();

    private static List<AlertEventType> types(List<AlertEvent> events) {
        return events.stream().map(AlertEvent::type).toList();
    }

    private static List<String> evidence(AlertEvent e) {
        return e.alert().evidence().stream().map(Evidence::observationId).toList();
    }

    @Test
    void updatesWithinTheIntervalArePublishedOnceWithTheLatestState() {
        h.observe(gauge("niamey", 540, day(8, 1, 6)));
        assertEquals(List.of(AlertEventType.RAISED), types(h.drain()), "raising never waits");
        h.observe(gauge("niamey", 545, day(8, 1, 7)), gauge("niamey", 550, day(8, 1, 8)), gauge("niamey", 555, day(8, 1, 9)));
        assertTrue(h.drain().isEmpty(), "three updates of the same severity within the interval wait");
        assertEquals(3, unsent().evidence().size(), "in the station's timeline (what a restart sends), with their evidence");
        h.driver.advanceWallClockTime(INTERVAL);
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.UPDATED), types(events), "one update for the three");
        AlertEvent update = events.get(0);
        assertEquals(2, update.seq(), "the alert's second step: the three readings reached the lifecycle as one firing");
        assertEquals(4, update.alert().evidence().size(), "with the evidence of all three");
        assertEquals(gauge("niamey", 555, day(8, 1, 9)).id(), evidence(update).get(3));
        assertEquals(day(8, 1, 9), update.at());
        assertEquals(update.alertId() + "/UPDATED/2", update.eventId());
        h.driver.advanceWallClockTime(INTERVAL);
        assertTrue(h.drain().isEmpty(), "published once");
        h.driver.advanceWallClockTime(INTERVAL.multipliedBy(2));
        h.observe(gauge("niamey", 560, day(8, 1, 10)));
        assertEquals(List.of(AlertEventType.UPDATED), types(h.drain()), "an update after a quiet interval goes at once");
        assertNull(h.driver.<String, AlertSlot>getKeyValueStore(LifecycleTopology.SLOTS).get("niamey-gauge-level|niamey").unpublished());
    }

    @Test
    void aChangeOfSeverityGoesAtOnceAndCarriesTheWaitingUpdate() {
        h.observe(gauge("niamey", 540, day(8, 1, 6)), gauge("niamey", 545, day(8, 1, 7)));
        assertEquals(List.of(AlertEventType.RAISED), types(h.drain()));
        assertEquals(day(8, 1, 7), unsent().at(), "the station's timeline says an update waits (what a restart sends)");
        h.observe(gauge("niamey", 590, day(8, 1, 8)));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.UPDATED), types(events));
        assertEquals(Severity.Severe, events.get(0).alert().severity());
        assertEquals(3, events.get(0).alert().evidence().size(), "the waiting reading is in it");
        assertNull(unsent(), "sent before the change of severity");
        h.driver.advanceWallClockTime(INTERVAL);
        assertTrue(h.drain().isEmpty(), "nothing left to publish");
    }

    @Test
    void aHeldUpdateGoesAtTheFirstCommitAtWhichItIsDue() {
        h.observe(gauge("niamey", 540, day(8, 1, 6)));
        assertEquals(List.of(AlertEventType.RAISED), types(h.drain()));
        h.driver.advanceWallClockTime(Duration.ofMillis(100));
        h.observe(gauge("niamey", 545, day(8, 1, 7)));
        assertTrue(h.drain().isEmpty(), "half an interval after the raise: waits, through the commit of its own reading");
        h.driver.advanceWallClockTime(Duration.ofMillis(40));
        assertTrue(h.drain().isEmpty(), "still not due at the commit 140 ms after the raise");
        h.driver.advanceWallClockTime(Duration.ofMillis(40));
        // 180 ms after the raise: the interval less a quarter of the commit interval (a commit's time lags a little). A
        // punctuation of its own, every interval from the hold, would have sent it 300 ms after the raise, to wait for
        // the commit after that.
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.UPDATED), types(events), "goes at the first commit at which it is due");
        assertEquals(2, events.get(0).alert().evidence().size());
        assertNull(unsent());
        h.driver.advanceWallClockTime(INTERVAL.multipliedBy(2));
        assertTrue(h.drain().isEmpty(), "published once");
    }

    @Test
    void aResolveGoesAtOnceAndAReadingThatChangesNothingKeepsTheUpdateWaiting() {
        h.observe(gauge("niamey", 540, day(8, 1, 6)));
        AlertEvent raised = h.drain().get(0);
        h.observe(gauge("niamey", 545, day(8, 1, 7)));
        // the same reading again changes nothing: the update still waits
        h.observe(gauge("niamey", 545, day(8, 1, 7)));
        assertTrue(h.drain().isEmpty());
        h.driver.advanceWallClockTime(INTERVAL);
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.UPDATED), types(events));
        assertEquals(2, events.get(0).alert().evidence().size());
        h.observe(gauge("niamey", 550, day(8, 1, 8)));
        assertTrue(h.drain().isEmpty(), "published less than the interval ago: waits (in the station's timeline)");
        h.acks.pipeInput(raised.alertId(), AckRequest.resolve("res-1", raised.alertId(), "agent-diallo", day(8, 1, 9), "checked on site"));
        events = h.drain();
        assertEquals(List.of(AlertEventType.RESOLVED), types(events), "a resolve never waits");
        assertEquals(2, events.get(0).alert().evidence().size(), "the reading the station still holds is not in it");
        h.driver.advanceWallClockTime(INTERVAL);
        assertTrue(h.drain().isEmpty(), "then sent, of the same severity: it raises nothing after a resolve by hand");
    }

    @Test
    void aClearSendsTheHeldFiringFirst() {
        h.observe(gauge("niamey", 540, day(8, 1, 6)));
        assertEquals(List.of(AlertEventType.RAISED), types(h.drain()));
        h.observe(gauge("niamey", 545, day(8, 1, 7)), gauge("niamey", 500, day(8, 1, 8)));
        assertEquals(2, unsent().evidence().size(), "the rise and the first reading below the band wait, still firing");
        h.observe(gauge("niamey", 500, day(8, 1, 21))); // below the band for 13 hours: the hold (12 h) is over
        List<AlertEvent> events = h.drain();
        assertEquals(List.of(AlertEventType.RESOLVED), types(events), "no new alert from a firing sent after the clear");
        assertEquals(List.of(gauge("niamey", 540, day(8, 1, 6)).id(), gauge("niamey", 545, day(8, 1, 7)).id(),
                gauge("niamey", 500, day(8, 1, 8)).id()), evidence(events.get(0)), "the held readings reached the alert before it cleared");
        assertNull(unsent());
        h.driver.advanceWallClockTime(INTERVAL.multipliedBy(2));
        assertTrue(h.drain().isEmpty());
    }

    /** The firing the station's timeline holds, not sent to the lifecycle yet (null: none). */
    private org.bourtol.rules.engine.Signal unsent() {
        return h.driver.<String, org.bourtol.rules.engine.Timeline<?>>getKeyValueStore("gauge-level-state").get("niamey-gauge-level|niamey")
                .unsent();
    }

    @Test
    void withoutAnIntervalEveryUpdateGoesAtOnce() {
        try (TopologyHarness every = TopologyHarness.forRules(Duration.ofHours(6), NIAMEY).publish()) {
            every.observe(gauge("niamey", 540, day(8, 1, 6)), gauge("niamey", 545, day(8, 1, 7)), gauge("niamey", 550, day(8, 1, 8)));
            assertEquals(List.of(AlertEventType.RAISED, AlertEventType.UPDATED, AlertEventType.UPDATED), types(every.drain()));
        }
    }
}
