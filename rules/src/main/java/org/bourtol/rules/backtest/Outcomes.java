package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.outcome.Verdict;

/**
 * Hits, misses and false alarms of the current and the candidate rules where outcomes are known: the verdict an
 * officer or recipient recorded for a live alert on {@code bourtol.outcomes.v1} (the latest one counts). A confirmed
 * live alert is a hit of the current rules; the candidate hits it too when its paired alert exists (the lead time
 * gained is the onset shift, positive when earlier), and misses it when the alert is gone. A false alarm stays one
 * when the candidate still raises it and is avoided when gone. A candidate's new alert has no verdict (unjudged).
 * Risks no live alert caught are not in the outcomes, so the current rules' misses are not known here. Pure.
 *
 * @param events the judged live alerts, current next to candidate
 */
public record Outcomes(Side current, Side candidate, List<Event> events) {

    /** Counts of one side. {@code unjudged}: alerts of that side without a verdict. */
    public record Side(int hits, int misses, int falseAlarms, int unjudged) {
    }

    /**
     * One live alert with a verdict, and what the candidate does about it.
     *
     * @param leadGainMinutes minutes the candidate's alert comes before the live one (negative: later); null when gone
     */
    public record Event(String rule, String zone, String alertId, Verdict verdict, Instant currentRaisedAt, String candidateAlertId,
            Instant candidateRaisedAt, Long leadGainMinutes) {
    }

    static Outcomes of(Comparison.Result comparison, Map<String, Verdict> verdicts) {
        int[] cur = new int[4];
        int[] cand = new int[4];
        List<Event> events = new ArrayList<>();
        for (Comparison.Difference d : comparison.differences()) {
            if (d.currentAlertId() == null) {
                cand[3]++; // new: nobody judged it
                continue;
            }
            Verdict v = verdicts.getOrDefault(d.currentAlertId(), Verdict.UNKNOWN);
            boolean kept = d.candidateAlertId() != null;
            switch (v) {
                case CONFIRMED -> {
                    cur[0]++;
                    cand[kept ? 0 : 1]++;
                }
                case FALSE_ALARM -> {
                    cur[2]++;
                    if (kept) {
                        cand[2]++;
                    }
                }
                default -> {
                    cur[3]++;
                    if (kept) {
                        cand[3]++;
                    }
                }
            }
            if (v != Verdict.UNKNOWN) {
                events.add(new Event(d.rule(), d.zone(), d.currentAlertId(), v, d.currentRaisedAt(), d.candidateAlertId(),
                        d.candidateRaisedAt(), d.onsetShiftMinutes() == null ? null : -d.onsetShiftMinutes()));
            }
        }
        return new Outcomes(side(cur), side(cand), List.copyOf(events));
    }

    private static Side side(int[] n) {
        return new Side(n[0], n[1], n[2], n[3]);
    }
}
