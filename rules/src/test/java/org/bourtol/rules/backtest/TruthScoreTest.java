package org.bourtol.rules.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.outcome.GroundTruth;
import org.junit.jupiter.api.Test;

/** The current and the candidate rules scored against ground truth: hits, misses, false alarms, delays, lead gained. */
class TruthScoreTest {

    static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");

    static Instant h(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    static GroundTruth truth(String id, String ruleType, Hazard hazard, List<String> zones, String level, int startHour) {
        return new GroundTruth(id, "sahel", 42, ruleType, hazard, List.of(ruleType), zones, level, h(startHour), false, id);
    }

    static AlertEvent step(String alertId, AlertEventType type, int hour, String ruleType, Hazard hazard, String zone, String level,
                           int raisedHour, Integer resolvedHour) {
        Alert a = Alert.builder().id(alertId, alertId.toUpperCase()).rule("r-" + ruleType, ruleType).hazard(hazard).zone(zone, zone, null)
                .state(resolvedHour == null ? AlertState.ACTIVE : AlertState.RESOLVED).severity(Severity.Moderate).level(level)
                .raisedAt(h(raisedHour)).updatedAt(h(hour)).resolvedAt(resolvedHour == null ? null : h(resolvedHour)).build();
        return new AlertEvent(alertId + "/" + type + "/" + hour, alertId, type, 1, h(hour), a, null);
    }

    @Test
    void hitsMissesFalseAlarmsAndLeadTimePerEventSideBySide() {
        List<GroundTruth> truth = List.of(
                truth("gauge-level/niamey/warning", "gauge-level", Hazard.FLOOD, List.of("niamey", "region-niamey"), "warning", 100),
                truth("incident/konna", "report-window", Hazard.CONFLICT, List.of("konna", "region-mopti"), null, 200),
                truth("gauge-level/mopti/warning", "gauge-level", Hazard.FLOOD, List.of("mopti"), "warning", 300));
        List<AlertEvent> current = List.of(
                step("c1", AlertEventType.RAISED, 106, "gauge-level", Hazard.FLOOD, "niamey", "warning", 106, null), // 6 h late
                step("c2", AlertEventType.RAISED, 150, "gauge-level", Hazard.FLOOD, "niamey", "red", 150, null), // wrong level, explained
                step("c3", AlertEventType.RAISED, 201, "report-window", Hazard.CONFLICT, "konna", null, 201, null),
                step("c4", AlertEventType.RAISED, 50, "herd-farmland", Hazard.CONFLICT, "djenne", null, 50, 51)); // no risk there
        List<AlertEvent> candidate = List.of(
                step("d1", AlertEventType.RAISED, 99, "gauge-level", Hazard.FLOOD, "niamey", "warning", 99, null), // within the hour before
                step("d3", AlertEventType.RAISED, 201, "report-window", Hazard.CONFLICT, "konna", null, 201, null),
                step("d5", AlertEventType.RAISED, 200, "gauge-level", Hazard.FLOOD, "mopti", "warning", 200, null)); // active when it began
        TruthScore s = TruthScore.of(truth, current, candidate);

        assertEquals(new TruthScore.Side(2, 1, 1, 60L), s.current(), "niamey 360 min late, konna 60 min, mopti missed; c4 a false alarm");
        assertEquals(new TruthScore.Side(3, 0, 0, -60L), s.candidate(), "delays -6000, -60 and 60 min");
        TruthScore.Event niamey = s.events().get(0);
        assertEquals("c1", niamey.currentAlertId());
        assertEquals(360L, niamey.currentDelayMinutes());
        assertEquals("d1", niamey.candidateAlertId());
        assertEquals(-60L, niamey.candidateDelayMinutes(), "raised an hour before the risk began: a hit, warned in advance");
        assertEquals(420L, niamey.leadGainMinutes());
        TruthScore.Event mopti = s.events().get(2);
        assertNull(mopti.currentAlertId(), "missed by the current rules");
        assertEquals("d5", mopti.candidateAlertId(), "an alert already active when the risk began detects it");
        assertEquals(-6000L, mopti.candidateDelayMinutes(), "raised 100 h before the risk began");
        assertNull(mopti.leadGainMinutes());
        assertEquals(0L, s.events().get(1).leadGainMinutes());
    }

    @Test
    void anAlertRaisedLongBeforeAndResolvedIsNoHitAndAPeriodWithoutGroundTruthHasNoScore() {
        List<GroundTruth> truth = List.of(truth("gauge-level/mopti/warning", "gauge-level", Hazard.FLOOD, List.of("mopti"), "warning", 300));
        List<AlertEvent> current = List.of(
                step("c1", AlertEventType.RAISED, 200, "gauge-level", Hazard.FLOOD, "mopti", "warning", 200, null),
                step("c1", AlertEventType.RESOLVED, 210, "gauge-level", Hazard.FLOOD, "mopti", "warning", 200, 210));
        TruthScore s = TruthScore.of(truth, current, List.of());
        assertEquals(new TruthScore.Side(0, 1, 0, null), s.current(), "ended 90 h before the risk began; same hazard and zone: no false alarm");
        assertEquals(new TruthScore.Side(0, 1, 0, null), s.candidate());
        assertNull(TruthScore.of(List.of(), current, current), "a live period (no simulator) has no ground-truth score");
    }
}
