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

    private static AlertStates fold(List<AlertEvent> events) {
        AlertStates s = new AlertStates();
        events.forEach(s::apply);
        return s;
    }

    static Alert alert(AlertState state, boolean acked) {
        Alert.Builder b = Alert.builder().id("a1", "K7P").rule("niamey-levels", "gauge-level").hazard(Hazard.FLOOD)
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
