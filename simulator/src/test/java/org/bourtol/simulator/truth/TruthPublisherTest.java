package org.bourtol.simulator.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.GroundTruthEvent;
import org.bourtol.simulator.scenario.Timeline;
import org.junit.jupiter.api.Test;

/** The ground truth as published for the backtest: simulated start for sensor risks, the SMS's send time for reported ones. */
class TruthPublisherTest {

    private static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");
    private static final Instant WALL = Instant.parse("2026-12-04T19:00:00Z");

    @Test
    void sensorRisksKeepTheirSimulatedStartReportedOnesStartWhenTheirSmsWentAndUnsentOnesAreLeftOut() throws Exception {
        List<Emission> emissions = List.of(
                new Emission.Mqtt(T0.plusSeconds(3600), "bourtol/v1/gauge/niamey", "{}", Emission.Expect.OBSERVATION),
                new Emission.Sms(T0.plusSeconds(7200), "SM1", "+22376000001", "ALERTE CONFLIT Konna", Emission.Expect.OBSERVATION),
                new Emission.Sms(T0.plusSeconds(9000), "SM2", "+22376000001", "ALERTE CONFLIT Djenne", Emission.Expect.OBSERVATION));
        List<GroundTruthEvent> truth = List.of(
                new GroundTruthEvent("g", "gauge-level", Hazard.FLOOD, List.of("gauge-level"), Set.of("niamey"), "warning",
                        T0.plusSeconds(3600), 0, "niamey 531"),
                new GroundTruthEvent("i", "incident", Hazard.CONFLICT, List.of("report-window"), Set.of("konna"), null,
                        T0.plusSeconds(7200), 1, "clash at Konna"),
                new GroundTruthEvent("j", "incident", Hazard.CONFLICT, List.of("report-window"), Set.of("djenne"), null,
                        T0.plusSeconds(9000), 2, "clash at Djenne"));
        Timeline t = new Timeline("sahel", 7, T0, T0.plus(Duration.ofDays(1)), emissions, truth, List.of());
        List<GroundTruth> published = TruthPublisher.published(t, new Instant[] {WALL, WALL.plusSeconds(5), null});
        assertEquals(2, published.size(), "the Djenne SMS was never sent: its risk never began for the platform");
        assertEquals(T0.plusSeconds(3600), published.get(0).start());
        assertFalse(published.get(0).live());
        assertEquals(WALL.plusSeconds(5), published.get(1).start());
        assertTrue(published.get(1).live());
        assertEquals("sahel/7/i", published.get(1).key());
        GroundTruth back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(published.get(0)), GroundTruth.class);
        assertEquals(published.get(0), back, "the record survives the topic's JSON");
    }
}
