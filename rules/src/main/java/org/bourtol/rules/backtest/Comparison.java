package org.bourtol.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.Severity;

/**
 * What the candidate rules would have raised next to what the current rules raised, per rule and zone.
 * Alerts of the same slot are paired when their active intervals overlap (first come, first paired);
 * a candidate alert without a partner is {@link Kind#NEW}, a current one {@link Kind#GONE}; a pair
 * whose onsets differ is {@link Kind#EARLIER} or {@link Kind#LATER} (by whole minutes), whose
 * highest severity differs {@link Kind#SEVERITY_CHANGED}, else {@link Kind#UNCHANGED}. Pure.
 */
public final class Comparison {

    /** How a candidate alert differs from the current one. */
    public enum Kind { NEW, GONE, EARLIER, LATER, SEVERITY_CHANGED, UNCHANGED }

    /**
     * One paired or unpaired alert.
     *
     * @param onsetShiftMinutes candidate onset minus current onset (negative: earlier); null unless paired
     */
    public record Difference(List<Kind> kinds, String rule, String zone, String currentAlertId, String candidateAlertId,
            Instant currentRaisedAt, Instant candidateRaisedAt, Long onsetShiftMinutes,
            Severity currentSeverity, Severity candidateSeverity) {
        public boolean unchanged() {
            return kinds.equals(List.of(Kind.UNCHANGED));
        }
    }

    /** Totals of one rule and zone. */
    public record SlotSummary(String rule, String zone, String zoneName, int currentAlerts, int candidateAlerts,
            long currentActiveMinutes, long candidateActiveMinutes, Map<Kind, Long> differences) {
    }

    /** The differences (changed first, in time order) and one summary per rule and zone. */
    public record Result(List<Difference> differences, List<SlotSummary> slots) {
        public long count(Kind kind) {
            return differences.stream().filter(d -> d.kinds().contains(kind)).count();
        }
    }

    private Comparison() {
    }

    public static Result compare(List<AlertHistory> current, List<AlertHistory> candidate, Instant end) {
        Map<String, List<AlertHistory>> cur = bySlot(current);
        Map<String, List<AlertHistory>> cand = bySlot(candidate);
        TreeMap<String, Boolean> slots = new TreeMap<>();
        cur.keySet().forEach(k -> slots.put(k, true));
        cand.keySet().forEach(k -> slots.put(k, true));
        List<Difference> differences = new ArrayList<>();
        List<SlotSummary> summaries = new ArrayList<>();
        for (String slot : slots.keySet()) {
            List<AlertHistory> a = cur.getOrDefault(slot, List.of());
            List<AlertHistory> b = new ArrayList<>(cand.getOrDefault(slot, List.of()));
            List<Difference> here = new ArrayList<>();
            for (AlertHistory now : a) {
                AlertHistory partner = b.stream().filter(x -> x.overlaps(now, end)).findFirst().orElse(null);
                if (partner == null) {
                    here.add(new Difference(List.of(Kind.GONE), now.rule(), now.zone(), now.alertId(), null, now.raisedAt(), null,
                            null, now.severity(), null));
                } else {
                    b.remove(partner);
                    here.add(paired(now, partner));
                }
            }
            for (AlertHistory added : b) {
                here.add(new Difference(List.of(Kind.NEW), added.rule(), added.zone(), null, added.alertId(), null,
                        added.raisedAt(), null, null, added.severity()));
            }
            AlertHistory any = !a.isEmpty() ? a.get(0) : cand.get(slot).get(0);
            summaries.add(new SlotSummary(any.rule(), any.zone(), any.zoneName(), a.size(), cand.getOrDefault(slot, List.of()).size(),
                    a.stream().mapToLong(AlertHistory::activeMinutes).sum(),
                    cand.getOrDefault(slot, List.of()).stream().mapToLong(AlertHistory::activeMinutes).sum(),
                    here.stream().flatMap(d -> d.kinds().stream())
                            .collect(Collectors.groupingBy(k -> k, () -> new java.util.EnumMap<>(Kind.class), Collectors.counting()))));
            differences.addAll(here);
        }
        differences.sort(Comparator.comparing(Difference::unchanged)
                .thenComparing(d -> d.candidateRaisedAt() != null ? d.candidateRaisedAt() : d.currentRaisedAt()));
        return new Result(List.copyOf(differences), List.copyOf(summaries));
    }

    private static Difference paired(AlertHistory now, AlertHistory then) {
        List<Kind> kinds = new ArrayList<>();
        long shift = Duration.between(now.raisedAt(), then.raisedAt()).toMinutes();
        if (then.raisedAt().isBefore(now.raisedAt())) {
            kinds.add(Kind.EARLIER);
        } else if (then.raisedAt().isAfter(now.raisedAt())) {
            kinds.add(Kind.LATER);
        }
        if (then.severity() != now.severity()) {
            kinds.add(Kind.SEVERITY_CHANGED);
        }
        if (kinds.isEmpty()) {
            kinds.add(Kind.UNCHANGED);
        }
        return new Difference(List.copyOf(kinds), now.rule(), now.zone(), now.alertId(), then.alertId(), now.raisedAt(),
                then.raisedAt(), shift, now.severity(), then.severity());
    }

    private static Map<String, List<AlertHistory>> bySlot(List<AlertHistory> alerts) {
        Map<String, List<AlertHistory>> m = new TreeMap<>();
        alerts.stream().sorted(Comparator.comparing(AlertHistory::raisedAt))
                .forEach(h -> m.computeIfAbsent(h.slot(), k -> new ArrayList<>()).add(h));
        return m;
    }
}
