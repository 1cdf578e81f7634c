package org.bourtol.contracts.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;

/** The one fold of the alerts topic: by sequence number, snapshots from others never change the lifecycle. */
class AlertStatesTest {

    private static final Instant T0 = Instant.parse("2026-09-01T06:00:00Z");

    @Test
    void aStaleEscalatedSnapshotNeverUndoesAResolve() {
        AlertEvent raised = lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false);
        AlertEvent resolved = lifecycle(AlertEventType.RESOLVED, 2, AlertState.RESOLVED, false);
        AlertEvent escalated = other(AlertEventType.ESCALATED, raised.alert());
        List<AlertEvent> topic = List.of(raised, resolved, escalated);

        AlertStates states = fold(topic);
        assertEquals(AlertState.RESOLVED, states.get("a1").orElseThrow().alert().state());
        assertEquals(AlertEventType.RESOLVED, states.get("a1").orElseThrow().type(), "CAP renders a Cancel, not an Update");
        assertTrue(states.activeByCode("K7P").isEmpty());
        assertEquals(states.get("a1"), fold(topic).get("a1"), "a restart re-reading the topic folds to the same state");
    }

    @Test
    void aStaleEscalatedSnapshotNeverUndoesAnAcknowledgement() {
        AlertEvent raised = lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false);
        AlertEvent acked = lifecycle(AlertEventType.ACKNOWLEDGED, 2, AlertState.ACTIVE, true);
        AlertStates states = fold(List.of(raised, acked, other(AlertEventType.ESCALATED, raised.alert()),
                other(AlertEventType.UNVERIFIED_ACK, raised.alert())));
        assertTrue(states.get("a1").orElseThrow().alert().acknowledged());
    }

    @Test
    void anOutcomeSetsOnlyTheOutcomeWhichLaterLifecycleEventsKeep() {
        AlertEvent raised = lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false);
        AlertEvent resolved = lifecycle(AlertEventType.RESOLVED, 2, AlertState.RESOLVED, false);
        AlertEvent outcome = other(AlertEventType.OUTCOME, AlertStates.withOutcome(raised.alert(), "herds moved north"));
        AlertStates states = fold(List.of(raised, outcome, resolved));
        assertEquals(AlertState.RESOLVED, states.get("a1").orElseThrow().alert().state());
        assertEquals("herds moved north", states.get("a1").orElseThrow().alert().outcome());

        AlertStates late = fold(List.of(raised, resolved, outcome));
        assertEquals(AlertState.RESOLVED, late.get("a1").orElseThrow().alert().state(), "the outcome's active snapshot is not taken");
        assertEquals("herds moved north", late.get("a1").orElseThrow().alert().outcome());
    }

    @Test
    void anOlderLifecycleEventArrivingLateIsIgnoredAndReportedUnchanged() {
        AlertStates states = new AlertStates();
        assertTrue(states.apply(lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false)).isPresent());
        assertTrue(states.apply(lifecycle(AlertEventType.RESOLVED, 3, AlertState.RESOLVED, false)).isPresent());
        assertFalse(states.apply(lifecycle(AlertEventType.UPDATED, 2, AlertState.ACTIVE, false)).isPresent(), "stale: no change");
        assertFalse(states.apply(other(AlertEventType.ESCALATED, lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false).alert()))
                .isPresent());
        assertEquals(3, states.get("a1").orElseThrow().seq());
    }

    @Test
    void theActiveAlertIsFoundByItsCodeWhateverTheCase() {
        AlertStates states = fold(List.of(lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false)));
        assertEquals("a1", states.activeByCode(" k7p ").orElseThrow().alertId());
    }

    @Test
    void settledResolvedAlertsLeaveTheOpenSetWhateverTheirNumberAndAChangeOpensThemAgain() {
        AlertStates states = new AlertStates();
        for (int i = 0; i < 10_000; i++) {
            String id = "old-" + i;
            states.apply(new AlertEvent(id + "/RAISED/1", id, AlertEventType.RAISED, 1, T0, alert(id, AlertState.ACTIVE, false), null));
            states.apply(new AlertEvent(id + "/RESOLVED/2", id, AlertEventType.RESOLVED, 2, T0, alert(id, AlertState.RESOLVED, false), null));
        }
        states.apply(lifecycle(AlertEventType.RAISED, 1, AlertState.ACTIVE, false));
        assertEquals(10_001, states.open().size(), "every changed alert is open until settled");
        states.open().forEach(states::settle);
        assertEquals(List.of("a1"), states.open().stream().map(AlertEvent::alertId).toList(), "an active alert is never settled");
        assertEquals(10_001, states.size(), "settling forgets nothing: the states stay for every other reader");

        AlertEvent seen = states.open().iterator().next();
        states.apply(lifecycle(AlertEventType.RESOLVED, 2, AlertState.RESOLVED, false));
        states.settle(seen);
        assertEquals(1, states.open().size(), "a state read before the alert changed does not settle the new one");
        states.open().forEach(states::settle);
        assertTrue(states.open().isEmpty());
        states.apply(other(AlertEventType.OUTCOME, AlertStates.withOutcome(alert(AlertState.RESOLVED, false), "herds moved north")));
        assertEquals(List.of("a1"), states.open().stream().map(AlertEvent::alertId).toList(), "a later change opens it again");
    }

    private static AlertStates fold(List<AlertEvent> events) {
        AlertStates s = new AlertStates();
        events.forEach(s::apply);
        return s;
    }

    static Alert alert(AlertState state, boolean acked) {
        return alert("a1", state, acked);
    }

    static Alert alert(String id, AlertState state, boolean acked) {
        Alert.Builder b = Alert.builder().id(id, "K7P").rule("niamey-levels", "gauge-level").hazard(Hazard.FLOOD)
                .zone("niamey", "Niamey", null).state(state).severity(Severity.Severe).urgency(Urgency.Immediate)
                .certainty(Certainty.Observed).level("alert").headline(Map.of("fr", "Crue")).raisedAt(T0).updatedAt(T0)
                .resolvedAt(state == AlertState.RESOLVED ? T0 : null);
        return (acked ? b.acknowledged("p-1", T0) : b).build();
    }

    private static AlertEvent lifecycle(AlertEventType type, int seq, AlertState state, boolean acked) {
        return new AlertEvent("a1/" + type + "/" + seq, "a1", type, seq, T0.plusSeconds(seq), alert(state, acked), null);
    }

    private static AlertEvent other(AlertEventType type, Alert snapshot) {
        return new AlertEvent("a1/" + type + "/x", "a1", type, -1, T0.plusSeconds(60), snapshot, "note");
    }
}
