package org.bourtol.simulator.truth;

import org.bourtol.contracts.alert.AlertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.GroundTruthEvent;
import org.bourtol.simulator.scenario.Timeline;
import org.junit.jupiter.api.Test;

class ScorerTest {

    private static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");
    private static final Instant WALL = Instant.parse("2026-11-24T19:00:00Z");

    private static AlertEvent event(String id, AlertEventType type, String ruleType, String zone, Hazard hazard, String level, Instant at) {
        Alert a = Alert.builder().id(id, "K7Q").rule(ruleType + "-rule", ruleType).hazard(hazard).zone(zone, zone, null)
                .state(AlertState.ACTIVE).severity(Severity.Severe).level(level).headline(Map.of("en", "headline " + zone)).raisedAt(at)
                .updatedAt(at).build();
        return new AlertEvent(id + "/" + type, id, type, 1, at, a, null);
    }

    @Test
    void detectionsMissesAndFalseAlerts() {
        List<Emission> emissions = List.of(
                new Emission.Mqtt(T0.plusSeconds(3600), "bourtol/v1/gauge/niamey", "{}", Emission.Expect.OBSERVATION),
                new Emission.Mqtt(T0.plusSeconds(7200), "bourtol/v1/herd/c1", "{}", Emission.Expect.OBSERVATION));
        List<GroundTruthEvent> truth = List.of(
                new GroundTruthEvent("g", "gauge-level", Hazard.FLOOD, List.of("gauge-level"), Set.of("niamey"), "warning",
                        T0.plusSeconds(3600), 0, "niamey 531"),
                new GroundTruthEvent("f", "farmland-incursion", Hazard.CONFLICT, List.of("herd-in-protected-zone"),
                        Set.of("farm-konna-rice", "konna"), null, T0.plusSeconds(7200), 1, "herd in rice"));
        Timeline t = new Timeline("test", 1, T0, T0.plus(Duration.ofDays(1)), emissions, truth, List.of());
        Instant[] sent = {WALL, WALL.plusSeconds(1)};
        List<TopicTail.Seen<AlertEvent>> alerts = List.of(
                new TopicTail.Seen<>(event("a1", AlertEventType.RAISED, "gauge-level", "niamey", Hazard.FLOOD, "warning",
                        T0.plusSeconds(3600 + 360 * 60)), WALL.plusMillis(800)),
                new TopicTail.Seen<>(event("a2", AlertEventType.RAISED, "gauge-level", "mopti", Hazard.FLOOD, "alert",
                        T0.plusSeconds(9000)), WALL.plusMillis(900)));
        Report.Messages m = new Report.Messages(2, 2, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0, Map.of(), Map.of());
        Report r = Scorer.score(t, sent, alerts, m, 3, Duration.ofSeconds(5));
        assertEquals(new Report.TypeScore(1, 1, 0), r.byType().get("gauge-level"));
        assertEquals(new Report.TypeScore(1, 0, 1), r.byType().get("farmland-incursion"));
        assertFalse(r.allDetected());
        assertEquals(1, r.falseAlerts().size());
        assertEquals("mopti", r.falseAlerts().get(0).zone());
        assertEquals(360, r.simDelayMinutes().p50());
        assertEquals(800, r.wallDelayMs().max(), 1);
        assertEquals(2, r.alertsRaised());
        assertTrue(r.toTable().contains("MISSED farmland-incursion"));
        assertTrue(r.toJson().contains("\"falseAlerts\""));
    }

    @Test
    void anAlertAlreadyActiveDetectsALaterEpisodeOfTheSameRisk() {
        List<Emission> emissions = List.of(new Emission.Mqtt(T0.plus(Duration.ofDays(3)), "t", "{}", Emission.Expect.OBSERVATION));
        List<GroundTruthEvent> truth = List.of(new GroundTruthEvent("c", "water-point-crowding", Hazard.CONFLICT,
                List.of("herd-concentration"), Set.of("wp-konna-mare"), null, T0.plus(Duration.ofDays(3)), 0, "crowd"));
        Timeline t = new Timeline("test", 1, T0, T0.plus(Duration.ofDays(5)), emissions, truth, List.of());
        List<TopicTail.Seen<AlertEvent>> alerts = List.of(new TopicTail.Seen<>(
                event("a", AlertEventType.RAISED, "herd-concentration", "wp-konna-mare", Hazard.CONFLICT, null, T0), WALL));
        Report r = Scorer.score(t, new Instant[] {WALL}, alerts, new Report.Messages(1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, Map.of(), Map.of()), 0,
                Duration.ofSeconds(1));
        assertTrue(r.allDetected());
        assertEquals(0, r.falseAlerts().size());
    }
}
