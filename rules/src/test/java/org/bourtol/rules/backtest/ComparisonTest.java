package org.bourtol.rules.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.rules.backtest.Comparison.Kind;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");
    static final Instant END = T0.plusSeconds(30 * 86400);

    static AlertHistory alert(String id, String rule, String zone, int raisedHour, Integer resolvedHour, Severity severity) {
        Instant raised = T0.plusSeconds(raisedHour * 3600L);
        Instant resolved = resolvedHour == null ? null : T0.plusSeconds(resolvedHour * 3600L);
        long minutes = java.time.Duration.between(raised, resolved == null ? END : resolved).toMinutes();
        return new AlertHistory(id, rule, zone, zone, raised, resolved, severity, "warning", minutes,
                List.of(new AlertHistory.Step(AlertEventType.RAISED, 1, raised, severity, "warning", null)), List.of());
    }

    @Test
    void newGoneEarlierLaterAndSeverityChangedPerRuleAndZone() {
        List<AlertHistory> current = List.of(
                alert("a1", "niamey-gauge", "niamey", 48, 100, Severity.Moderate),
                alert("a2", "mopti-gauge", "mopti", 10, 20, Severity.Moderate),
                alert("a3", "clash", "konna", 5, 8, Severity.Severe),
                alert("a4", "passage", "djenne", 30, 40, Severity.Moderate),
                alert("a5", "herd", "farm", 1, 2, Severity.Minor));
        List<AlertHistory> candidate = List.of(
                alert("b1", "niamey-gauge", "niamey", 24, 100, Severity.Moderate),
                alert("b2", "mopti-gauge", "mopti", 12, 20, Severity.Moderate),
                alert("b4", "passage", "djenne", 30, 40, Severity.Severe),
                alert("b5", "herd", "farm", 1, 2, Severity.Minor),
                alert("b6", "niamey-gauge", "niamey", 200, null, Severity.Moderate));
        Comparison.Result r = Comparison.compare(current, candidate, END);
        assertEquals(1, r.count(Kind.EARLIER));
        assertEquals(1, r.count(Kind.LATER));
        assertEquals(1, r.count(Kind.GONE));
        assertEquals(1, r.count(Kind.NEW));
        assertEquals(1, r.count(Kind.SEVERITY_CHANGED));
        assertEquals(1, r.count(Kind.UNCHANGED));
        Comparison.Difference earlier = r.differences().stream().filter(d -> d.kinds().contains(Kind.EARLIER)).findFirst().orElseThrow();
        assertEquals(-24 * 60L, earlier.onsetShiftMinutes());
        assertEquals("a1", earlier.currentAlertId());
        assertEquals("b1", earlier.candidateAlertId());
        Comparison.Difference later = r.differences().stream().filter(d -> d.kinds().contains(Kind.LATER)).findFirst().orElseThrow();
        assertEquals(120L, later.onsetShiftMinutes());
        Comparison.Difference gone = r.differences().stream().filter(d -> d.kinds().contains(Kind.GONE)).findFirst().orElseThrow();
        assertEquals("a3", gone.currentAlertId());
        Comparison.Difference added = r.differences().stream().filter(d -> d.kinds().contains(Kind.NEW)).findFirst().orElseThrow();
        assertEquals("b6", added.candidateAlertId());
        assertEquals(Severity.Severe, r.differences().stream().filter(d -> d.kinds().contains(Kind.SEVERITY_CHANGED))
                .findFirst().orElseThrow().candidateSeverity());
        assertEquals(true, r.differences().get(r.differences().size() - 1).unchanged(), "changes first, unchanged last");
        Comparison.SlotSummary niamey = r.slots().stream().filter(s -> s.zone().equals("niamey")).findFirst().orElseThrow();
        assertEquals(1, niamey.currentAlerts());
        assertEquals(2, niamey.candidateAlerts());
        assertEquals(52 * 60L, niamey.currentActiveMinutes());
        assertEquals(76 * 60L + java.time.Duration.between(T0.plusSeconds(200 * 3600L), END).toMinutes(), niamey.candidateActiveMinutes());
    }

    @Test
    void identicalAlertsAreAllUnchanged() {
        List<AlertHistory> same = List.of(alert("a1", "r", "z", 1, 5, Severity.Moderate), alert("a2", "r", "z", 10, 12, Severity.Severe));
        Comparison.Result r = Comparison.compare(same, same, END);
        assertEquals(2, r.count(Kind.UNCHANGED));
        assertEquals(2, r.differences().size());
    }
}
