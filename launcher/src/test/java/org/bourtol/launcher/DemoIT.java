package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.truth.Report;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The demo end to end on the embedded platform (free ports, fresh data directory): a short scenario
 * (Niamey gauge crossing two levels over MQTT, a herd in farmland before its field release, a herd on
 * the Konna–Mopti corridor after its passage dates, a clash reported by signed SMS) played with every
 * fault on — duplicate deliveries, late and out-of-order readings, a burst of buffered collar fixes,
 * malformed MQTT payloads and SMS, a retried webhook — is detected completely, with no false alert,
 * and the report shows from the topics read back that every expected rejection was seen and every
 * duplicate was removed.
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
            herds: {count: 4, collarIntervalMinutes: 240, incursions: 1, crowdings: 0, deviations: 0, earlyPassages: 0, latePassages: 1}
            gauges: {stations: [niamey, mopti], intervalMinutes: 360, noiseCm: 1.0, readers: [niamey]}
            rain: {stations: [], periodMinutes: 1440, stormDays: 0}
            reports: {sightings: 1, clashes: 1, tensions: 0, typos: 0.0, malformed: 1, unverified: 0.0}
            faults: {duplicates: 0.05, outOfOrder: 0.05, late: 0.05, malformed: 2, bursts: 6}
            """;

    @Test
    void shortScenarioIsFullyDetectedWithoutFalseAlerts() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> env = EmbeddedInstances.env(Files.createTempDirectory("bourtol-demo-it"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path json = Files.createTempFile("demo-it", ".json");
        Report report;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            report = DemoCommand.run(Optional.empty(), env, ScenarioSpec.parse(SCENARIO), 10, out, json, false);
        }
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertTrue(report.detected() >= 5, text);
        assertTrue(report.allDetected(), text);
        assertEquals(0, report.falseAlerts().size(), text);
        assertTrue(report.byType().containsKey("early-late-passage"), text);
        Report.Messages m = report.messages();
        assertEquals(m.expectedObservations(), m.distinctObservations(), text);
        assertEquals(m.expectedRejected(), m.rejectedSeen(), text);
        assertEquals(m.expectedRejectedBySource(), m.rejectedSeenBySource(), text);
        Report.FaultLine duplicates = report.fault("duplicates").orElseThrow();
        assertTrue(duplicates.sent() > 0, text);
        assertEquals(duplicates.sent(), duplicates.handled(), "every duplicate removed\n" + text);
        Report.FaultLine malformed = report.fault("malformed").orElseThrow();
        assertEquals(m.expectedRejected(), malformed.sent(), text);
        assertEquals(malformed.sent(), malformed.handled(), "every expected rejection seen\n" + text);
        for (String kind : new String[] {"late", "out-of-order", "bursts"}) {
            Report.FaultLine f = report.fault(kind).orElseThrow();
            assertTrue(f.sent() > 0, kind + " sent\n" + text);
        }
        assertTrue(report.faultsAsExpected(), text);
        String written = Files.readString(json);
        assertTrue(written.contains("\"byType\"") && written.contains("\"faults\""), written);
    }
}
