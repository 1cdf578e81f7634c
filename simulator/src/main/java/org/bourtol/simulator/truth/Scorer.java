package org.bourtol.simulator.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.GroundTruthEvent;
import org.bourtol.simulator.scenario.Timeline;

/**
 * Matches ground truth with the alert events seen. An event is detected by the first RAISED or
 * UPDATED event of an alert of one of its rule types, in one of its zones, at the expected level (for
 * gauge levels), whose event time is not more than the grace hour before the event began — or by such
 * an alert already active when it began. A RAISED alert that detects nothing and shares neither
 * hazard nor zone with any ground-truth event is a false alert. Pure.
 */
public final class Scorer {

    private Scorer() {
    }

    public static Report score(Timeline t, Instant[] sentAt, List<TopicTail.Seen<AlertEvent>> alerts, Report.Messages messages,
                               int smsSent, Duration wall) {
        List<TopicTail.Seen<AlertEvent>> events = new ArrayList<>(alerts);
        events.sort(Comparator.comparing(TopicTail.Seen::seenAt));
        List<AlertEvent> steps = events.stream().map(TopicTail.Seen::value).toList();
        Map<String, Report.TypeScore> byType = new LinkedHashMap<>();
        List<Report.Detection> detections = new ArrayList<>();
        Set<String> usedAlerts = new HashSet<>();
        Histogram sim = new Histogram(3);
        Histogram wallH = new Histogram(3);
        for (GroundTruthEvent e : t.truth()) {
            boolean live = t.emissions().get(e.trigger()) instanceof Emission.Sms;
            GroundTruth truth = e.published(t.name(), t.seed(), e.start(), live);
            Instant sent = sentAt == null || sentAt.length <= e.trigger() ? null : sentAt[e.trigger()];
            TopicTail.Seen<AlertEvent> hit = null;
            for (TopicTail.Seen<AlertEvent> s : events) {
                AlertEvent a = s.value();
                if ((a.type() != AlertEventType.RAISED && a.type() != AlertEventType.UPDATED) || !truth.matches(a.alert())) {
                    continue;
                }
                boolean inTime = live ? sent != null && !s.seenAt().isBefore(sent.minusSeconds(1))
                        : !a.at().isBefore(e.start().minus(GroundTruth.TOLERANCE)) || GroundTruth.activeAt(steps, a, e.start());
                if (inTime) {
                    hit = s;
                    break;
                }
            }
            Report.TypeScore old = byType.getOrDefault(e.type(), new Report.TypeScore(0, 0, 0));
            byType.put(e.type(), new Report.TypeScore(old.events() + 1, old.detected() + (hit != null ? 1 : 0), old.missed() + (hit == null ? 1 : 0)));
            Long simDelay = null;
            Long wallDelay = null;
            if (hit != null) {
                usedAlerts.add(hit.value().alertId());
                if (!live) {
                    simDelay = Math.max(0, Duration.between(e.start(), hit.value().at()).toMinutes());
                    sim.recordValue(simDelay);
                }
                if (sent != null) {
                    wallDelay = Math.max(0, Duration.between(sent, hit.seenAt()).toMillis());
                    wallH.recordValue(wallDelay);
                }
            }
            detections.add(new Report.Detection(e.id(), e.type(), e.zones().iterator().next(), e.start().toString(), hit != null,
                    hit == null ? null : hit.value().alertId(), hit == null ? null : hit.value().alert().rule(), simDelay, wallDelay,
                    e.description()));
        }
        List<GroundTruth> published = t.truth().stream().map(e -> e.published(t.name(), t.seed(), e.start(), false)).toList();
        List<Report.FalseAlert> falseAlerts = new ArrayList<>();
        int raised = 0;
        int resolved = 0;
        for (TopicTail.Seen<AlertEvent> s : events) {
            AlertEvent a = s.value();
            if (a.type() == AlertEventType.RESOLVED) {
                resolved++;
            }
            if (a.type() != AlertEventType.RAISED) {
                continue;
            }
            raised++;
            boolean explained = usedAlerts.contains(a.alertId()) || GroundTruth.explains(published, a.alert());
            if (!explained) {
                falseAlerts.add(new Report.FalseAlert(a.alertId(), a.alert().rule(), a.alert().ruleType(), a.alert().zone(),
                        a.alert().severity().name(), a.alert().headline().getOrDefault("en", a.alert().headline().get("fr"))));
            }
        }
        String season = t.start().toString().substring(0, 10) + ".." + t.end().minusSeconds(1).toString().substring(0, 10);
        return new Report(t.name(), t.seed(), season, wall.toMillis() / 1000.0, messages, byType, detections, falseAlerts,
                delays(sim), delays(wallH), raised, resolved, smsSent, List.of());
    }

    private static Report.Delays delays(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Report.Delays(0, 0, 0, 0, 0);
        }
        return new Report.Delays(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }
}
