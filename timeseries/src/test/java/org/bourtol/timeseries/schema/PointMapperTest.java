package org.bourtol.timeseries.schema;

import org.bourtol.contracts.alert.AlertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PointMapperTest {

    static final Instant T0 = Instant.parse("2026-09-01T06:00:00Z");
    static final String PHONE = "+22376123456";

    static String line(org.influxdb.dto.Point p) {
        return p.lineProtocol(TimeUnit.NANOSECONDS);
    }

    @Test
    @DisplayName("a gauge reading becomes gauge_level with station, source and verified tags and level_cm")
    void gauge() {
        GaugeReading g = new GaugeReading("obs-1", Source.SMS, T0, T0.plusSeconds(5), "r-0123456789abcdef", true, "mopti", 652);
        String l = line(PointMapper.observation(g));
        assertTrue(l.startsWith("gauge_level,source=sms,station=mopti,verified=true "), l);
        assertTrue(l.contains("level_cm=652i"), l);
        assertTrue(l.contains("observation_id=\"obs-1\""), l);
        assertTrue(l.contains("reporter_id=\"r-0123456789abcdef\""), l);
        assertTrue(l.contains("receive_delay_s=5.0"), l);
        assertTrue(l.endsWith(" " + EventTime.nanos(T0, "obs-1")), l);
        assertEquals(PointMapper.GAUGE_LEVEL, PointMapper.measurement(g));
    }

    @Test
    void rainHerdAndReport() {
        String rain = line(PointMapper.observation(new RainReading("obs-2", Source.MQTT, T0, T0, null, true, "gao", 12.5, 60)));
        assertTrue(rain.startsWith("rainfall,source=mqtt,station=gao,verified=true "), rain);
        assertTrue(rain.contains("rain_mm=12.5") && rain.contains("period_min=60i"), rain);
        assertFalse(rain.contains("reporter_id"), rain);

        String herd = line(PointMapper.observation(new HerdPosition("obs-3", Source.LORAWAN, T0, T0, null, true, "herd-7",
                14.5, -4.2, 250, Species.CATTLE, 90.0, 3.5, 80.0, "konna", "mopti")));
        assertTrue(herd.startsWith("herd_position,herd=herd-7,source=lorawan,species=cattle,verified=true,zone=konna "), herd);
        assertTrue(herd.contains("lat=14.5") && herd.contains("lon=-4.2") && herd.contains("head_count=250i")
                && herd.contains("speed_kmh=3.5") && herd.contains("battery_pct=80.0") && herd.contains("to_zone=\"mopti\""), herd);

        String report = line(PointMapper.observation(new CommunityReport("obs-4", Source.SMS, T0, T0, "r-1", false,
                ReportType.CLASH, "konna", null, null, "bagarre, appelez " + PHONE)));
        assertTrue(report.startsWith("report,source=sms,type=clash,verified=false,zone=konna "), report);
        assertFalse(report.contains("76123456"), "free text is never written: " + report);
    }

    @Test
    @DisplayName("an alert event carries rule, zone, hazard, severity, type and state tags, and no actor or note")
    void alert() {
        AlertEvent e = alertEvent(AlertEventType.ACKNOWLEDGED, 2);
        String l = line(PointMapper.alert(e));
        assertTrue(l.startsWith("alert,hazard=flood,level=red,rule=gauge-mopti,rule_type=gauge-level,severity=Severe,"
                + "state=active,type=acknowledged,zone=mopti "), l);
        assertTrue(l.contains("alert_id=\"a-1\"") && l.contains("code=\"K7Q\"") && l.contains("seq=2i")
                && l.contains("acknowledged=true") && l.contains("evidence_count=1i") && l.contains("age_s=600.0"), l);
        assertFalse(l.contains("76123456"), l);
    }

    @Test
    @DisplayName("a delivery is tagged by status, channel and recipient id; the number never appears")
    void delivery() {
        Delivery d = Delivery.intent("d-1", List.of("a-1", "a-2"), "RAISED", "rcp-9", PHONE, 1, T0, null).outcome(DeliveryStatus.FAILED, T0,
                "SM123", "21211", "The 'To' number " + PHONE + " is not a valid phone number.", 3);
        String l = line(PointMapper.delivery(d));
        assertTrue(l.startsWith("delivery,channel=sms,recipient=rcp-9,status=failed,step=raised "), l);
        assertTrue(l.contains("alert_ids=\"a-1,a-2\"") && l.contains("attempt=3i") && l.contains("error_code=\"21211\""), l);
        assertFalse(l.contains("76123456"), l);
    }

    @Test
    @DisplayName("the same record maps to the same timestamp, different records in the same millisecond do not collide")
    void deterministicTimestamps() {
        assertEquals(EventTime.nanos(T0, "obs-1"), EventTime.nanos(T0, "obs-1"));
        assertNotEquals(EventTime.nanos(T0, "obs-1"), EventTime.nanos(T0, "obs-2"));
        long n = EventTime.nanos(T0.plusNanos(999_999), "x");
        assertEquals(T0.toEpochMilli(), n / 1_000_000, "stays inside the event's millisecond");
        Delivery intent = Delivery.intent("d-1", List.of(), "RAISED", "rcp-9", null, 1, T0, null);
        Delivery sent = intent.outcome(DeliveryStatus.SENT, T0, null, null, null, 1);
        Delivery delivered = intent.outcome(DeliveryStatus.DELIVERED, T0, null, null, null, 1);
        assertNotEquals(PointMapper.deliveryKey(sent), PointMapper.deliveryKey(delivered));
    }

    @Test
    @DisplayName("pipeline latency: event-time delay to the alert, receipt of the evidence to the SMS sent")
    void pipeline() {
        PipelineLatency p = new PipelineLatency(10, 10);
        p.observation("obs-1", Instant.ofEpochMilli(1_000));
        String a = line(p.alert(alertEvent(AlertEventType.RAISED, 1)).orElseThrow());
        assertTrue(a.startsWith("pipeline,hazard=flood,stage=observation_alert,zone=mopti "), a);
        assertTrue(a.contains("event_latency_ms=300000i"), a);
        assertTrue(p.alert(alertEvent(AlertEventType.UPDATED, 3)).isEmpty());
        Delivery queued = Delivery.intent("d-1", List.of("a-1"), "RAISED", "rcp-9", null, 1, T0, null);
        Delivery d = queued.outcome(DeliveryStatus.SENT, T0, "SM1", null, null, 1);
        String l = line(p.delivery(d, 1_400).orElseThrow());
        assertTrue(l.startsWith("pipeline,channel=sms,stage=alert_delivery,status=sent "), l);
        assertTrue(l.contains("end_to_end_ms=400i"), l);
        assertTrue(p.delivery(queued, 1_300).isEmpty(), "only sent and delivered outcomes are timed");
        Delivery unknown = Delivery.intent("d-2", List.of("a-404"), "RAISED", "rcp-9", null, 1, T0, null).outcome(DeliveryStatus.SENT, T0,
                null, null, null, 1);
        assertTrue(p.delivery(unknown, 1_500).isEmpty(), "an alert the sink has not seen gives no latency");
    }

    @Test
    @DisplayName("ids with line breaks or backslashes cannot break the line protocol or inject points")
    void lineProtocolInjection() {
        GaugeReading g = new GaugeReading("obs\nx", Source.MQTT, T0, T0, null, true, "mopti\ngauge_level level_cm=1i 1\\", 600);
        String l = line(PointMapper.observation(g));
        assertFalse(l.contains("\n"), l);
        assertTrue(l.startsWith("gauge_level,source=mqtt,station=mopti\\ gauge_level\\ level_cm\\=1i\\ 1/,verified=true "), l);
    }

    static AlertEvent alertEvent(AlertEventType type, int seq) {
        Alert.Builder b = Alert.builder().id("a-1", "K7Q").rule("gauge-mopti", "gauge-level").hazard(Hazard.FLOOD).zone("mopti", "Mopti", null)
                .state(AlertState.ACTIVE).severity(Severity.Severe).level("red").headline(Map.of("fr", "Crue")).raisedAt(T0)
                .updatedAt(T0.plusSeconds(600)).outcome("appelé " + PHONE)
                .evidence(List.of(new Evidence("obs-1", "gauge", T0.minusSeconds(300), "652 cm", null)));
        Alert a = (type == AlertEventType.ACKNOWLEDGED ? b.acknowledged(PHONE, null) : b).build();
        return new AlertEvent("a-1/" + type + "/" + seq, "a-1", type, seq, T0.plusSeconds(600 * (seq - 1)), a, "note " + PHONE);
    }
}
