package org.bourtol.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;

/**
 * One alert's life in a period, folded from its lifecycle events: when it was raised, escalated and
 * resolved, its highest severity, its steps and the evidence it carried. Pure.
 *
 * @param resolvedAt null when still active at the end of the period
 * @param activeMinutes minutes from raise to resolve (or to the end of the period)
 */
public record AlertHistory(String alertId, String rule, String zone, String zoneName, Instant raisedAt, Instant resolvedAt,
        Severity severity, String level, long activeMinutes, List<Step> steps, List<Evidence> evidence) {

    /** One lifecycle step. */
    public record Step(AlertEventType type, int seq, Instant at, Severity severity, String level, String note) {
    }

    /** The alerts of {@code events} (any order), by raise time, with time active counted up to {@code end}. */
    public static List<AlertHistory> of(List<AlertEvent> events, Instant end) {
        Map<String, List<AlertEvent>> byAlert = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparing(AlertEvent::at).thenComparingInt(AlertEvent::seq))
                .forEach(e -> byAlert.computeIfAbsent(e.alertId(), k -> new ArrayList<>()).add(e));
        List<AlertHistory> out = new ArrayList<>();
        for (List<AlertEvent> es : byAlert.values()) {
            AlertEvent last = es.stream().filter(e -> e.seq() >= 0).reduce((a, b) -> b).orElse(es.get(es.size() - 1));
            Severity top = Severity.Minor;
            List<Step> steps = new ArrayList<>();
            for (AlertEvent e : es) {
                steps.add(new Step(e.type(), e.seq(), e.at(), e.alert().severity(), e.alert().level(), e.note()));
                if (e.type() != AlertEventType.RESOLVED && e.alert().severity().compareTo(top) > 0) {
                    top = e.alert().severity();
                }
            }
            Instant raised = last.alert().raisedAt();
            Instant resolved = last.alert().resolvedAt();
            Instant until = resolved != null ? resolved : end;
            long minutes = until.isAfter(raised) ? Duration.between(raised, until).toMinutes() : 0;
            out.add(new AlertHistory(last.alertId(), last.alert().rule(), last.alert().zone(), last.alert().zoneName(), raised,
                    resolved, top, last.alert().level(), minutes, List.copyOf(steps),
                    last.alert().evidence() == null ? List.of() : last.alert().evidence()));
        }
        out.sort(Comparator.comparing(AlertHistory::raisedAt).thenComparing(AlertHistory::alertId));
        return out;
    }

    /** The rule and zone the alert is about: one active alert at a time per slot. */
    public String slot() {
        return rule + "|" + zone;
    }

    /** Whether this alert's active interval overlaps {@code other}'s (an open end counts as {@code end}). */
    boolean overlaps(AlertHistory other, Instant end) {
        Instant a = resolvedAt != null ? resolvedAt : end;
        Instant b = other.resolvedAt != null ? other.resolvedAt : end;
        return raisedAt.isBefore(b) && other.raisedAt.isBefore(a) || raisedAt.equals(other.raisedAt);
    }
}
