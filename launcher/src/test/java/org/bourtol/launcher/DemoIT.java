package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.truth.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The demo end to end on the embedded platform (free ports, fresh data directory): a short scenario
 * (Niamey gauge crossing two levels over MQTT, a herd in farmland before its field release, a clash
 * reported by signed SMS, plus a malformed SMS and a malformed MQTT payload) is detected completely,
 * with no false alert.
 */
@Timeout(600)
class DemoIT {

    static final String SCENARIO = """
            name: demo-it
            seed: 11
            year: 2025
            start: "07-25"
            end: "08-20"
            floodYear: "2024"
            herds: {count: 4, collarIntervalMinutes: 240, incursions: 1, crowdings: 0, deviations: 0, earlyPassages: 0}
            gauges: {stations: [niamey, mopti], intervalMinutes: 360, noiseCm: 1.0, readers: [niamey]}
            rain: {stations: [], periodMinutes: 1440, stormDays: 0}
            reports: {sightings: 1, clashes: 1, tensions: 0, typos: 0.0, malformed: 1, unverified: 0.0}
            faults: {duplicates: 0.0, outOfOrder: 0.0, late: 0.0, malformed: 1, bursts: 0}
            """;

    @Test
    void shortScenarioIsFullyDetectedWithoutFalseAlerts() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> env = new HashMap<>();
        env.put("BOURTOL_DATA_DIR", Files.createTempDirectory("bourtol-demo-it").toString());
        env.put("BOURTOL_HTTP_PORT", "0");
        env.put("BOURTOL_EMBEDDED_KAFKA_PORT", "0");
        env.put("BOURTOL_EMBEDDED_MQTT_PORT", "0");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path json = Files.createTempFile("demo-it", ".json");
        Report report;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            report = DemoCommand.run(Optional.empty(), env, ScenarioSpec.parse(SCENARIO), 10, out, json, false);
        }
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertTrue(report.detected() >= 3, text);
        assertTrue(report.allDetected(), text);
        assertEquals(0, report.falseAlerts().size(), text);
        assertEquals(report.messages().expectedObservations(), report.messages().distinctObservations(), text);
        assertTrue(Files.readString(json).contains("\"byType\""));
    }
}
