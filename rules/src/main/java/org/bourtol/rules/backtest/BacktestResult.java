package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.List;

/**
 * What a backtest found: the candidate's alerts next to the current rules' actual alerts, the
 * differences per rule and zone, the SMS each would have caused per recipient, whether the rules left
 * unchanged reproduced the live alerts exactly, and what the replay measured.
 *
 * @param sms      per recipient, current (the live alerts through the dry-run notifier) vs candidate; null when not estimated
 * @param warnings what limits the result (retention, missing data); empty when complete
 * @param outcomes hits, misses and false alarms of both sides where live alerts were judged (bourtol.outcomes.v1)
 * @param gauges   for each station of a changed gauge-level rule, the level curve and the old and new levels
 * @param groundTruth both sides scored against the simulator's ground truth of the period; null when it has none
 */
public record BacktestResult(Instant from, Instant to, List<String> changedRules, List<String> changedZones,
        int observations, int acknowledgements, long replayMillis, double observationsPerSecond,
        List<String> warnings, Reproduction reproduction, Comparison.Result comparison,
        List<AlertHistory> currentAlerts, List<AlertHistory> candidateAlerts, List<SmsLine> sms,
        List<GaugeCurve> gauges, Outcomes outcomes, TruthScore groundTruth) {

    /**
     * The replay of the rules left unchanged against what the live topology published for them: same alerts, step
     * types, times, severities and levels (not sequence numbers: live, a firing source's measure-only updates reach the
     * lifecycle together).
     *
     * @param publishedTogether replayed updates the live run published together with a later step of the same alert
     *     (a hot alert publishes its latest state, {@code rules.updateInterval}); not a difference
     * @param mismatches the first few events that differ (live first, then replay), empty when exact
     */
    public record Reproduction(boolean exact, int liveEvents, int replayedEvents, int publishedTogether, List<String> mismatches) {
    }

    /**
     * SMS to one recipient over the period, and when the first one went (would have gone); null when none.
     *
     * @param candidateBeforeCurrent the candidate's SMS that would have gone before the current rules' first SMS to this
     *                               recipient (all of them when the current rules sent none): what an earlier alert adds
     *                               even when the season's totals are equal
     */
    public record SmsLine(String recipient, String name, int current, int candidate, int delta, Instant currentFirst,
            Instant candidateFirst, int candidateBeforeCurrent) {
        SmsLine withBeforeCurrent(int n) {
            return new SmsLine(recipient, name, current, candidate, delta, currentFirst, candidateFirst, n);
        }
    }
}
