package org.bourtol.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.outcome.GroundTruth;

/**
 * The current and the candidate rules scored against the simulator's ground truth of the period
 * ({@code bourtol.groundtruth.v1}), with the matching rule the demo's own summary uses
 * ({@link GroundTruth#detection}): per event, whether each side detected it and how long after the risk
 * began the detecting alert was raised (negative: raised before, a warning in advance, e.g. an alert
 * already active when the risk began); per side, hits, misses and false alarms (alerts raised that
 * detect nothing and share neither hazard nor zone with any event of the period). Null in a result when
 * the period has no ground truth (a live deployment). Pure.
 *
 * @param events the period's ground-truth events in time order
 */
public record TruthScore(Side current, Side candidate, List<Event> events) {

    /** Counts of one side; {@code medianDelayMinutes} (raising minus risk start) over its hits, null without hits. */
    public record Side(int hits, int misses, int falseAlarms, Long medianDelayMinutes) {
    }

    /**
     * One ground-truth event and the first alert of each side that detected it (null: missed).
     *
     * @param leadGainMinutes how much earlier the candidate detects it than the current rules (negative: later); null
     *                        unless both detect it
     */
    public record Event(String id, String type, String zone, Instant start, String description, String currentAlertId,
            Long currentDelayMinutes, String candidateAlertId, Long candidateDelayMinutes, Long leadGainMinutes) {
    }

    /** Null when {@code truth} is empty; else both sides scored over the alert steps each published. */
    static TruthScore of(List<GroundTruth> truth, List<AlertEvent> current, List<AlertEvent> candidate) {
        if (truth.isEmpty()) {
            return null;
        }
        List<AlertEvent> cur = sorted(current);
        List<AlertEvent> cand = sorted(candidate);
        List<GroundTruth> events = truth.stream().sorted(Comparator.comparing(GroundTruth::start).thenComparing(GroundTruth::id)).toList();
        List<Event> out = new ArrayList<>();
        Set<String> curUsed = new HashSet<>();
        Set<String> candUsed = new HashSet<>();
        List<Long> curDelays = new ArrayList<>();
        List<Long> candDelays = new ArrayList<>();
        for (GroundTruth g : events) {
            Optional<AlertEvent> c = g.detection(cur);
            Optional<AlertEvent> n = g.detection(cand);
            Long cd = delay(g, c, curUsed, curDelays);
            Long nd = delay(g, n, candUsed, candDelays);
            out.add(new Event(g.id(), g.type(), g.zones().isEmpty() ? null : g.zones().get(0), g.start(), g.description(),
                    c.map(AlertEvent::alertId).orElse(null), cd, n.map(AlertEvent::alertId).orElse(null), nd,
                    cd != null && nd != null ? cd - nd : null));
        }
        return new TruthScore(side(curDelays, events.size(), falseAlarms(events, cur, curUsed)),
                side(candDelays, events.size(), falseAlarms(events, cand, candUsed)), List.copyOf(out));
    }

    private static List<AlertEvent> sorted(List<AlertEvent> events) {
        return events.stream().sorted(Comparator.comparing(AlertEvent::at)).toList();
    }

    private static Long delay(GroundTruth g, Optional<AlertEvent> hit, Set<String> used, List<Long> delays) {
        if (hit.isEmpty()) {
            return null;
        }
        used.add(hit.get().alertId());
        Instant raised = hit.get().alert().raisedAt() != null ? hit.get().alert().raisedAt() : hit.get().at();
        long minutes = Duration.between(g.start(), raised).toMinutes(); // negative: warned before the risk began
        delays.add(minutes);
        return minutes;
    }

    private static int falseAlarms(List<GroundTruth> truth, List<AlertEvent> events, Set<String> used) {
        return (int) events.stream().filter(e -> e.type() == AlertEventType.RAISED && !used.contains(e.alertId())
                && !GroundTruth.explains(truth, e.alert())).map(AlertEvent::alertId).distinct().count();
    }

    private static Side side(List<Long> delays, int events, int falseAlarms) {
        List<Long> s = delays.stream().sorted().toList();
        return new Side(s.size(), events - s.size(), falseAlarms, s.isEmpty() ? null : s.get((s.size() - 1) / 2));
    }
}
