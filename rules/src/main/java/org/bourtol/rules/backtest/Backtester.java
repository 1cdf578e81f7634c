package org.bourtol.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;

/**
 * Runs one backtest: the current rules and zones with the candidate ones applied, the period's inputs
 * from {@link History} replayed by {@link Replay}, the result compared with the alerts the live
 * topology published in the period, and the SMS of both estimated by {@link SmsForecast}.
 */
public final class Backtester {

    /** Lifecycle steps the rules topology publishes (ESCALATED is the notifier's). */
    static final Set<AlertEventType> RULE_STEPS = EnumSet.of(AlertEventType.RAISED, AlertEventType.UPDATED,
            AlertEventType.RESOLVED, AlertEventType.ACKNOWLEDGED);
    private static final int MISMATCHES_SHOWN = 10;

    /** A step the rules topology published for a rule's alert (not an officer-issued warning, not the notifier's). */
    static boolean ruleStep(AlertEvent e) {
        return RULE_STEPS.contains(e.type()) && e.alert().issued() == null;
    }

    /** The period has no observation at all. */
    public static final class NoData extends RuntimeException {
        public NoData(String message) {
            super(message);
        }
    }

    private final History history;
    private final Replay replay;
    private final Supplier<Map<String, Zone>> zones;
    private final Supplier<Map<String, RuleDocument>> rules;
    private final SmsForecast sms;
    private final Duration retention;

    /**
     * @param sms       null when SMS are not estimated (said in the result's warnings)
     * @param retention the configured retention of the observations topic, named in the retention warning
     */
    public Backtester(History history, Replay replay, Supplier<Map<String, Zone>> zones, Supplier<Map<String, RuleDocument>> rules,
                      SmsForecast sms, Duration retention) {
        this.history = history;
        this.replay = replay;
        this.zones = zones;
        this.rules = rules;
        this.sms = sms;
        this.retention = retention;
    }

    public BacktestResult run(BacktestRequest req, BooleanSupplier cancelled, IntConsumer progress) {
        Map<String, Zone> currentZones = zones.get();
        Map<String, Zone> candidateZones = new TreeMap<>(currentZones);
        req.zones().forEach(z -> candidateZones.put(z.id(), z));
        Map<String, RuleDocument> currentRules = rules.get();
        Map<String, RuleDocument> candidateRules = new TreeMap<>(currentRules);
        List<String> changed = new ArrayList<>();
        for (RuleDocument r : req.rules()) {
            RuleDocument before = candidateRules.put(r.id(), r);
            if (before == null || !same(before, r)) {
                changed.add(r.id());
            }
        }
        List<String> warnings = new ArrayList<>();
        History.Inputs inputs = history.inputs(req.from(), req.to());
        warnings.addAll(inputs.notes());
        int observations = (int) inputs.records().stream().filter(r -> r.kind() == Recorded.Kind.OBSERVATION && r.eventTime() != null).count();
        if (inputs.retainedSince() != null && req.from().isBefore(inputs.retainedSince())) {
            warnings.add("observations stored before " + inputs.retainedSince() + " are no longer in Kafka (retention "
                    + retention.toDays() + " days): the part of the period from " + req.from() + " to " + inputs.retainedSince()
                    + " is missing or incomplete");
        }
        if (observations == 0) {
            throw new NoData("no observations between " + req.from() + " and " + req.to()
                    + (warnings.isEmpty() ? "" : " (" + warnings.get(0) + ")"));
        }
        long t0 = System.nanoTime();
        List<AlertEvent> replayed = replay.run(candidateZones.values(), candidateRules.values(), inputs.records(), cancelled, progress);
        long millis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        List<AlertEvent> live = history.alerts(req.from(), req.to());
        List<AlertHistory> currentAlerts = AlertHistory.of(rulesOnly(live), req.to());
        List<AlertHistory> candidateAlerts = AlertHistory.of(replayed, req.to());
        List<BacktestResult.SmsLine> smsLines = null;
        if (sms == null) {
            warnings.add("SMS not estimated: no notifier configuration in this process");
        } else {
            smsLines = beforeCurrent(smsLines(sms.forecast(rulesOnly(live), currentZones.values(), req.to()),
                    sms.forecast(replayed, candidateZones.values(), req.to())), replayed, candidateZones.values());
        }
        Comparison.Result comparison = Comparison.compare(currentAlerts, candidateAlerts, req.to());
        Outcomes outcomes = Outcomes.of(comparison, history.verdicts(currentAlerts.stream().map(AlertHistory::alertId).toList()));
        return new BacktestResult(req.from(), req.to(), List.copyOf(changed), req.zones().stream().map(Zone::id).toList(),
                observations, (int) inputs.records().stream().filter(r -> r.kind() == Recorded.Kind.ACK).count(), millis, observations * 1000.0 / millis, List.copyOf(warnings),
                reproduction(live, replayed, Set.copyOf(changed), !req.zones().isEmpty()),
                comparison, currentAlerts, candidateAlerts, smsLines,
                GaugeCurve.of(changed, currentRules, candidateRules, inputs.records()), outcomes,
                TruthScore.of(history.groundTruth(req.from(), req.to()), rulesOnly(live), replayed));
    }

    private static List<AlertEvent> rulesOnly(List<AlertEvent> events) {
        return events.stream().filter(Backtester::ruleStep).toList();
    }

    private static boolean same(RuleDocument a, RuleDocument b) {
        return Objects.equals(a.type(), b.type()) && a.enabled() == b.enabled() && Objects.equals(a.zones(), b.zones())
                && Objects.equals(a.params(), b.params()) && Objects.equals(a.seasons(), b.seasons())
                && Objects.equals(a.severity(), b.severity());
    }

    /**
     * The unchanged rules' replayed events against the live ones (all rules count as changed when zones changed). Exact
     * when every live step is replayed (same alert, step type, time, severity and level) and every replayed step the live
     * run did not publish is an update it published together with a later step of the same alert ({@code rules.updateInterval}:
     * a hot alert publishes its latest state; the replay publishes every step). Sequence numbers are not compared: live,
     * a firing source's updates that change only its measure reach the lifecycle together, so its steps are fewer.
     */
    static BacktestResult.Reproduction reproduction(List<AlertEvent> live, List<AlertEvent> replayed, Set<String> changed,
                                                    boolean zonesChanged) {
        List<AlertEvent> a = steps(live, changed, zonesChanged);
        List<AlertEvent> b = steps(replayed, changed, zonesChanged);
        Set<String> liveSteps = a.stream().map(Backtester::fingerprint).collect(Collectors.toSet());
        Set<String> replayedSteps = b.stream().map(Backtester::fingerprint).collect(Collectors.toSet());
        Map<String, Instant> lastLive = a.stream().collect(Collectors.toMap(AlertEvent::alertId, AlertEvent::at,
                (x, y) -> x.isAfter(y) ? x : y));
        List<String> mismatches = new ArrayList<>();
        liveSteps.stream().filter(f -> !replayedSteps.contains(f)).forEach(f -> mismatches.add("live " + f + " / replay (none)"));
        int together = 0;
        for (AlertEvent e : b) {
            if (liveSteps.contains(fingerprint(e))) {
                continue;
            }
            Instant last = lastLive.get(e.alertId());
            if (e.type() == AlertEventType.UPDATED && last != null && !last.isBefore(e.at())) {
                together++;
            } else {
                mismatches.add("live (none) / replay " + fingerprint(e));
            }
        }
        List<String> shown = mismatches.stream().sorted().limit(MISMATCHES_SHOWN).toList();
        return new BacktestResult.Reproduction(mismatches.isEmpty(), a.size(), b.size(), together, shown);
    }

    /** The rule steps of the unchanged rules (none when zones changed). */
    private static List<AlertEvent> steps(Collection<AlertEvent> events, Set<String> changed, boolean zonesChanged) {
        if (zonesChanged) {
            return List.of();
        }
        return events.stream().filter(e -> ruleStep(e) && !changed.contains(e.alert().rule())).toList();
    }

    /** Alert, step type, time, severity and level of a rule step. */
    private static String fingerprint(AlertEvent e) {
        return e.alertId() + "/" + e.type() + " at " + e.at() + " " + e.alert().severity() + "/" + e.alert().level();
    }

    /**
     * Counts, per recipient the candidate texts first, its SMS before the current rules' first one: the candidate's dry
     * run stopped just before that time (one run per distinct time).
     */
    private List<BacktestResult.SmsLine> beforeCurrent(List<BacktestResult.SmsLine> lines, List<AlertEvent> replayed, Collection<Zone> zones) {
        Map<Instant, Map<String, Integer>> upTo = new java.util.HashMap<>();
        List<BacktestResult.SmsLine> out = new ArrayList<>();
        for (BacktestResult.SmsLine l : lines) {
            if (l.candidateFirst() == null || (l.currentFirst() != null && !l.candidateFirst().isBefore(l.currentFirst()))) {
                out.add(l);
            } else if (l.currentFirst() == null) {
                out.add(l.withBeforeCurrent(l.candidate()));
            } else {
                Map<String, Integer> counts = upTo.computeIfAbsent(l.currentFirst(), t -> {
                    Map<String, Integer> m = new java.util.HashMap<>();
                    sms.forecast(replayed, zones, t.minusMillis(1)).forEach(c -> m.put(c.recipient(), c.sms()));
                    return m;
                });
                out.add(l.withBeforeCurrent(counts.getOrDefault(l.recipient(), 0)));
            }
        }
        return out;
    }

    private static List<BacktestResult.SmsLine> smsLines(List<SmsForecast.Count> current, List<SmsForecast.Count> candidate) {
        Map<String, BacktestResult.SmsLine> lines = new LinkedHashMap<>();
        for (SmsForecast.Count c : current) {
            lines.put(c.recipient(), new BacktestResult.SmsLine(c.recipient(), c.name(), c.sms(), 0, -c.sms(), c.first(), null, 0));
        }
        for (SmsForecast.Count c : candidate) {
            BacktestResult.SmsLine old = lines.get(c.recipient());
            int cur = old == null ? 0 : old.current();
            lines.put(c.recipient(), new BacktestResult.SmsLine(c.recipient(), c.name(), cur, c.sms(), c.sms() - cur,
                    old == null ? null : old.currentFirst(), c.first(), 0));
        }
        return lines.values().stream().sorted(java.util.Comparator.comparing(BacktestResult.SmsLine::recipient)).toList();
    }
}
