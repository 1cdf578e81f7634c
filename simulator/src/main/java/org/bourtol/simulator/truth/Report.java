package org.bourtol.simulator.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bourtol.contracts.topic.Json;

/**
 * The outcome of a run, for people (a table) and tools (JSON). Delays are in minutes of simulated
 * time (event time of the triggering message to the alert's event time) and milliseconds of wall
 * time (message sent to alert seen on {@code bourtol.alerts.v1}).
 */
public record Report(String scenario, long seed, String season, double wallSeconds, Messages messages,
        Map<String, TypeScore> byType, List<Detection> detections, List<FalseAlert> falseAlerts,
        Delays simDelayMinutes, Delays wallDelayMs, int alertsRaised, int alertsResolved, int smsSent,
        List<FaultLine> faults) {

    public Report {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** Messages sent and how Bourtol counted them. */
    public record Messages(int mqttSent, long mqttAcked, int smsSent, int smsReceipts, int smsProblemReplies,
            int smsUnexpectedReplies, int smsHttpErrors, long expectedObservations, long observationsSeen,
            long distinctObservations, long duplicatesSent, long expectedRejected, long rejectedSeen,
            Map<String, Long> expectedRejectedBySource, Map<String, Long> rejectedSeenBySource) {
    }

    /**
     * One fault kind: what was sent ({@code sent}, described in {@code sentDetail}) and how many of
     * those Bourtol demonstrably handled as it should ({@code handled}: duplicates seen as one
     * observation, late / out-of-order / burst messages seen, malformed ones matched on the rejected
     * topic), with {@code asExpected} computed from the topics read back (see {@link FaultAudit}).
     */
    public record FaultLine(String fault, long sent, String sentDetail, long handled, String handledDetail, boolean asExpected) {
    }

    /** The fault line of one kind ("duplicates", "late", "out-of-order", "malformed", "bursts"), if any. */
    public java.util.Optional<FaultLine> fault(String kind) {
        return faults.stream().filter(f -> f.fault().equals(kind)).findFirst();
    }

    /** True when every fault line is as expected. */
    public boolean faultsAsExpected() {
        return faults.stream().allMatch(FaultLine::asExpected);
    }

    /** This report with its fault lines. */
    public Report withFaults(List<FaultLine> lines) {
        return new Report(scenario, seed, season, wallSeconds, messages, byType, detections, falseAlerts, simDelayMinutes, wallDelayMs,
                alertsRaised, alertsResolved, smsSent, lines);
    }

    public record TypeScore(int events, int detected, int missed) {
    }

    /** One ground-truth event and the alert that detected it (null fields when missed). */
    public record Detection(String event, String type, String zone, String start, boolean detected, String alertId,
            String rule, Long simDelayMinutes, Long wallDelayMs, String description) {
    }

    public record FalseAlert(String alertId, String rule, String ruleType, String zone, String severity, String headline) {
    }

    public record Delays(long count, long p50, long p90, long p99, long max) {
    }

    public boolean allDetected() {
        return byType.values().stream().allMatch(t -> t.missed() == 0);
    }

    public int missed() {
        return byType.values().stream().mapToInt(TypeScore::missed).sum();
    }

    public int detected() {
        return byType.values().stream().mapToInt(TypeScore::detected).sum();
    }

    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Scenario %s (seed %d), season %s, played in %.1f s%n", scenario, seed, season, wallSeconds));
        b.append(String.format(Locale.ROOT, "Messages: %d MQTT (%d acknowledged by the broker), %d SMS (%d receipts, %d problem replies, %d unexpected, %d HTTP errors)%n",
                messages.mqttSent(), messages.mqttAcked(), messages.smsSent(), messages.smsReceipts(), messages.smsProblemReplies(),
                messages.smsUnexpectedReplies(), messages.smsHttpErrors()));
        b.append(String.format(Locale.ROOT, "Observations: %d expected, %d distinct seen (%d records on the topic)%n",
                messages.expectedObservations(), messages.distinctObservations(), messages.observationsSeen()));
        b.append(String.format(Locale.ROOT, "Rejected: %d expected %s, %d seen %s%n", messages.expectedRejected(),
                messages.expectedRejectedBySource(), messages.rejectedSeen(), messages.rejectedSeenBySource()));
        if (!faults.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nFaults (checked against the topics read back)%n"));
            faults.forEach(f -> b.append(String.format(Locale.ROOT, "%-13s %-42s %s  -> %s%n", f.fault(), f.sentDetail(),
                    f.handledDetail(), f.asExpected() ? "as expected" : "NOT as expected")));
        }
        b.append(String.format(Locale.ROOT, "%n%-22s %7s %9s %7s%n", "event type", "events", "detected", "missed"));
        byType.forEach((type, s) -> b.append(String.format(Locale.ROOT, "%-22s %7d %9d %7d%n", type, s.events(), s.detected(), s.missed())));
        b.append(String.format(Locale.ROOT, "%-22s %7d %9d %7d%n", "total", detected() + missed(), detected(), missed()));
        b.append(String.format(Locale.ROOT, "%nAlerts raised %d, resolved %d, false %d; SMS sent to recipients %d%n",
                alertsRaised, alertsResolved, falseAlerts.size(), smsSent));
        b.append(String.format(Locale.ROOT, "Detection delay, simulated time (min): p50 %d  p90 %d  p99 %d  max %d  (n=%d)%n",
                simDelayMinutes.p50(), simDelayMinutes.p90(), simDelayMinutes.p99(), simDelayMinutes.max(), simDelayMinutes.count()));
        b.append(String.format(Locale.ROOT, "Detection delay, wall time (ms):       p50 %d  p90 %d  p99 %d  max %d  (n=%d)%n",
                wallDelayMs.p50(), wallDelayMs.p90(), wallDelayMs.p99(), wallDelayMs.max(), wallDelayMs.count()));
        detections.stream().filter(d -> !d.detected()).forEach(d -> b.append("  MISSED ").append(d.type()).append(" at ").append(d.start()).append(": ").append(d.description()).append('\n'));
        falseAlerts.forEach(f -> b.append("  FALSE ").append(f.ruleType()).append(" ").append(f.zone()).append(": ").append(f.headline()).append('\n'));
        return b.toString();
    }
}
