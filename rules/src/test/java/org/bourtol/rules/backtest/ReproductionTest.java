package org.bourtol.rules.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;

/** Whether the unchanged rules' replay reproduces the live steps, a hot alert's updates published together live. */
class ReproductionTest {

    private static final Instant T0 = Instant.parse("2025-08-01T06:00:00Z");

    private static AlertEvent step(AlertEventType type, int seq, Severity severity) {
        Alert a = Alert.builder().id("a1", "MHE").rule("niamey-gauge-level", "gauge-level").hazard(Hazard.FLOOD).zone("niamey", "Niamey", null)
                .state(type == AlertEventType.RESOLVED ? AlertState.RESOLVED : AlertState.ACTIVE).severity(severity).level("warning")
                .raisedAt(T0).updatedAt(T0.plusSeconds(3600L * seq)).build();
        return new AlertEvent("a1/" + type + "/" + seq, "a1", type, seq, T0.plusSeconds(3600L * seq), a, null);
    }

    private static BacktestResult.Reproduction reproduction(List<AlertEvent> live, List<AlertEvent> replayed) {
        return Backtester.reproduction(live, replayed, Set.of(), false);
    }

    @Test
    void updatesTheLiveRunPublishedWithALaterStepAreNoDifference() {
        List<AlertEvent> replayed = List.of(step(AlertEventType.RAISED, 1, Severity.Moderate), step(AlertEventType.UPDATED, 2, Severity.Moderate),
                step(AlertEventType.UPDATED, 3, Severity.Moderate), step(AlertEventType.UPDATED, 4, Severity.Severe),
                step(AlertEventType.RESOLVED, 5, Severity.Severe));
        List<AlertEvent> live = List.of(replayed.get(0), replayed.get(3), replayed.get(4));
        BacktestResult.Reproduction r = reproduction(live, replayed);
        assertTrue(r.exact(), r.toString());
        assertEquals(3, r.liveEvents());
        assertEquals(5, r.replayedEvents());
        assertEquals(2, r.publishedTogether());
        assertTrue(reproduction(replayed, replayed).exact());
        assertEquals(0, reproduction(replayed, replayed).publishedTogether());
    }

    /** Live, a source's measure-only updates reach the lifecycle together: the same steps carry smaller sequence numbers. */
    @Test
    void fewerLiveStepsNumberedLowerAreNoDifference() {
        List<AlertEvent> replayed = List.of(step(AlertEventType.RAISED, 1, Severity.Moderate), step(AlertEventType.UPDATED, 2, Severity.Moderate),
                step(AlertEventType.UPDATED, 3, Severity.Moderate), step(AlertEventType.RESOLVED, 4, Severity.Moderate));
        AlertEvent u = replayed.get(2);
        AlertEvent liveUpdate = new AlertEvent("a1/UPDATED/2", "a1", AlertEventType.UPDATED, 2, u.at(), u.alert(), null);
        AlertEvent r4 = replayed.get(3);
        AlertEvent liveResolve = new AlertEvent("a1/RESOLVED/3", "a1", AlertEventType.RESOLVED, 3, r4.at(), r4.alert(), null);
        BacktestResult.Reproduction r = reproduction(List.of(replayed.get(0), liveUpdate, liveResolve), replayed);
        assertTrue(r.exact(), r.toString());
        assertEquals(1, r.publishedTogether());
        AlertEvent later = new AlertEvent("a1/UPDATED/2", "a1", AlertEventType.UPDATED, 2, u.at().plusSeconds(1), u.alert(), null);
        assertFalse(reproduction(List.of(replayed.get(0), later, liveResolve), replayed).exact(), "a live step at another time");
    }

    @Test
    void aLastUpdateNeverPublishedLiveOrAnyOtherMissingStepIsADifference() {
        List<AlertEvent> replayed = List.of(step(AlertEventType.RAISED, 1, Severity.Moderate), step(AlertEventType.UPDATED, 2, Severity.Moderate));
        BacktestResult.Reproduction r = reproduction(List.of(replayed.get(0)), replayed);
        assertFalse(r.exact(), "no later live step carried it");
        assertEquals(List.of("live (none) / replay a1/UPDATED at 2025-08-01T08:00:00Z Moderate/warning"), r.mismatches());
        assertFalse(reproduction(List.of(replayed.get(1)), replayed).exact(), "a raise is never published together");
        assertFalse(reproduction(replayed, List.of(replayed.get(0))).exact(), "a live step the replay lacks");
        AlertEvent other = step(AlertEventType.UPDATED, 2, Severity.Severe);
        assertFalse(reproduction(List.of(replayed.get(0), other), replayed).exact(), "same id, other severity");
    }
}
