package org.bourtol.simulator.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.Emission.Expect;
import org.bourtol.simulator.scenario.Emission.Fault;
import org.bourtol.simulator.scenario.Timeline;
import org.junit.jupiter.api.Test;

/** Each fault line is checked against the records read back, never against the plan. */
class FaultAuditTest {

    private static final Instant T0 = Instant.parse("2025-08-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T19:00:00Z");
    private static final String SID = "SM" + "0123456789abcdef".repeat(2);
    private static final String BAD = "{\"levelCm\":\"high\",\"observedAt\":\"" + T0.plusSeconds(60) + "\"}";

    private static Instant m(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static String gauge(int cm, Instant at) {
        return "{\"levelCm\":" + cm + ",\"observedAt\":\"" + at + "\"}";
    }

    private static String herd(Instant at) {
        return "{\"herdId\":\"herd-001\",\"lat\":14.5,\"lon\":-4.1,\"headCount\":120,\"species\":\"cattle\",\"batteryPct\":80.0,\"observedAt\":\""
                + at + "\"}";
    }

    /** A gauge reading (sent late), a duplicate of it, an out-of-order one, a burst of two collar fixes, a malformed payload and an SMS retried. */
    private static Timeline timeline() {
        List<Emission> e = List.of(
                new Emission.Mqtt(m(40), "bourtol/v1/gauge/niamey", gauge(500, m(0)), Expect.OBSERVATION, Fault.LATE),
                new Emission.Mqtt(m(41), "bourtol/v1/gauge/niamey", gauge(500, m(0)), Expect.DUPLICATE),
                new Emission.Mqtt(m(70), "bourtol/v1/gauge/mopti", gauge(300, m(45)), Expect.OBSERVATION, Fault.OUT_OF_ORDER),
                new Emission.Mqtt(m(120), "bourtol/v1/herd/collar-001", herd(m(80)), Expect.OBSERVATION, Fault.BURST),
                new Emission.Mqtt(m(120), "bourtol/v1/herd/collar-001", herd(m(110)), Expect.OBSERVATION, Fault.BURST),
                new Emission.Mqtt(m(130), "bourtol/v1/gauge/mopti", BAD, Expect.REJECTED),
                new Emission.Sms(m(200), SID, "+22376000001", "ALERTE CONFLIT Konna", Expect.OBSERVATION),
                new Emission.Sms(m(201), SID, "+22376000001", "ALERTE CONFLIT Konna", Expect.DUPLICATE));
        return new Timeline("t", 1, T0, m(300), e, List.of(), List.of());
    }

    private static List<Observation> seen(boolean duplicateBecameNew) {
        List<Observation> o = new ArrayList<>();
        o.add(new GaugeReading("mqtt-a", Source.MQTT, m(0), NOW, null, true, "niamey", 500));
        o.add(new GaugeReading("mqtt-a", Source.MQTT, m(0), NOW, null, true, "niamey", 500));
        if (duplicateBecameNew) {
            o.add(new GaugeReading("mqtt-a2", Source.MQTT, m(0), NOW, null, true, "niamey", 500));
        }
        o.add(new GaugeReading("mqtt-b", Source.MQTT, m(45), NOW, null, true, "mopti", 300));
        o.add(new HerdPosition("mqtt-c", Source.MQTT, m(80), NOW, null, true, "herd-001", 14.5, -4.1, 120, Species.CATTLE, null, null, 80.0, null, null));
        o.add(new HerdPosition("mqtt-d", Source.MQTT, m(110), NOW, null, true, "herd-001", 14.5, -4.1, 120, Species.CATTLE, null, null, 80.0, null, null));
        o.add(new CommunityReport("sms-" + SID, Source.SMS, NOW, NOW, "r-0123456789abcdef", true, ReportType.CLASH, "konna", null, null,
                "Konna"));
        return o;
    }

    private static List<Rejected> rejected() {
        return List.of(new Rejected("mqtt-x", Source.MQTT, "bourtol/v1/gauge/mopti", NOW, "invalid", "levelCm is not a number", BAD, null));
    }

    private static boolean[] allAcked() {
        boolean[] a = new boolean[8];
        java.util.Arrays.fill(a, true);
        return a;
    }

    @Test
    void everyFaultAsExpectedWhenTheTopicsShowIt() {
        Report r = emptyReport().withFaults(FaultAudit.audit(timeline(), allAcked(), seen(false), rejected(), 0, 0));
        assertTrue(r.faultsAsExpected(), r.toTable());
        assertEquals(2, r.fault("duplicates").orElseThrow().sent());
        assertEquals(2, r.fault("duplicates").orElseThrow().handled());
        assertEquals(1, r.fault("late").orElseThrow().handled());
        assertEquals(1, r.fault("out-of-order").orElseThrow().handled());
        assertEquals(1, r.fault("malformed").orElseThrow().handled());
        assertEquals(2, r.fault("bursts").orElseThrow().sent());
        assertTrue(r.fault("bursts").orElseThrow().sentDetail().startsWith("1 bursts"), r.toTable());
        assertTrue(r.toTable().contains("duplicates"), r.toTable());
        assertTrue(r.toJson().contains("\"asExpected\" : true"), r.toJson());
    }

    @Test
    void aDuplicateThatBecameASecondObservationIsNotRemoved() {
        Report r = emptyReport().withFaults(FaultAudit.audit(timeline(), allAcked(), seen(true), rejected(), 0, 0));
        assertEquals(1, r.fault("duplicates").orElseThrow().handled());
        assertFalse(r.fault("duplicates").orElseThrow().asExpected());
        assertTrue(r.toTable().contains("NOT as expected"), r.toTable());
    }

    @Test
    void missingRejectionsUnackedBurstsAndAMissedEventAreCaught() {
        boolean[] acked = allAcked();
        acked[4] = false;
        List<Report.FaultLine> lines = FaultAudit.audit(timeline(), acked, seen(false),
                List.of(new Rejected("mqtt-y", Source.MQTT, "bourtol/v1/rain/x", NOW, "invalid", "other", "{}", null)), 1, 0);
        Report r = emptyReport().withFaults(lines);
        assertFalse(r.fault("malformed").orElseThrow().asExpected());
        assertEquals(0, r.fault("malformed").orElseThrow().handled());
        assertFalse(r.fault("bursts").orElseThrow().asExpected());
        assertFalse(r.fault("late").orElseThrow().asExpected(), "a missed event means the alert outcome was affected");
        assertTrue(r.fault("duplicates").orElseThrow().asExpected());
    }

    private static Report emptyReport() {
        return new Report("t", 1, "s", 1.0, new Report.Messages(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of(), java.util.Map.of()),
                java.util.Map.of(), List.of(), List.of(), new Report.Delays(0, 0, 0, 0, 0), new Report.Delays(0, 0, 0, 0, 0), 0, 0, 0, List.of());
    }
}
