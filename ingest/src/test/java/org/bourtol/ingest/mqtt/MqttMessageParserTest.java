package org.bourtol.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.ingest.place.ZonesFixture;
import org.bourtol.ingest.validation.ObservationReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttMessageParserTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final Pseudonyms PSEUDONYMS = new Pseudonyms("a-test-key-of-32-characters-long");
    static final String PSEUDONYM = PSEUDONYMS.of("+22376000001");
    static final MqttMessageParser PARSER = new MqttMessageParser("bourtol/v1", 16384,
            new ObservationReader(ZonesFixture::gazetteer), PSEUDONYMS, id -> id.equals("r-known"), id -> id.equals("niamey"));

    static MqttInput parse(String topic, String payload) {
        return PARSER.parse(topic, payload.getBytes(StandardCharsets.UTF_8), T0);
    }

    static Observation accepted(String topic, String payload) {
        MqttInput in = parse(topic, payload);
        assertInstanceOf(MqttInput.Accepted.class, in, () -> in.toString());
        return ((MqttInput.Accepted) in).observation();
    }

    @Test
    void herdPositionWithOptionalFields() {
        HerdPosition h = (HerdPosition) accepted("bourtol/v1/herd/collar-17", """
                {"herdId":"DIA-01","lat":14.5,"lon":-4.2,"headCount":250,"species":"cattle","observedAt":"2026-11-24T07:59:00+00:00",
                 "headingDeg":90,"speedKmh":3.5,"batteryPct":80}""");
        assertEquals("DIA-01", h.herdId());
        assertEquals(Species.CATTLE, h.species());
        assertEquals(3.5, h.speedKmh());
        assertEquals(Source.MQTT, h.source());
        assertEquals(Instant.parse("2026-11-24T07:59:00Z"), h.observedAt());
        assertTrue(h.id().startsWith("mqtt-"));
        assertEquals(h.id(), accepted("bourtol/v1/herd/collar-17", """
                {"herdId":"DIA-01","lat":14.5,"lon":-4.2,"headCount":250,"species":"cattle","observedAt":"2026-11-24T07:59:00+00:00",
                 "headingDeg":90,"speedKmh":3.5,"batteryPct":80}""").id(), "same message, same id");
    }

    @Test
    void gaugeRainAndReport() {
        GaugeReading g = (GaugeReading) accepted("bourtol/v1/gauge/niamey", "{\"levelCm\":640,\"observedAt\":\"2026-11-24T07:00:00Z\"}");
        assertEquals("niamey", g.stationId());
        assertEquals(640, g.levelCm());
        RainReading r = (RainReading) accepted("bourtol/v1/rain/mopti", "{\"mm\":12.5,\"periodMinutes\":60,\"observedAt\":\"2026-11-24T07:00:00Z\"}");
        assertEquals(12.5, r.mm());
        CommunityReport c = (CommunityReport) accepted("bourtol/v1/report/r-known",
                "{\"type\":\"conflit\",\"place\":\"Konna\",\"text\":\"appel +22376000001\",\"observedAt\":\"2026-11-24T07:00:00Z\"}");
        assertEquals(ReportType.CLASH, c.type());
        assertEquals("konna", c.zoneId());
        assertTrue(c.verified());
        assertFalse(c.text().contains("76000001"), c.text());
        CommunityReport byPhone = (CommunityReport) accepted("bourtol/v1/report/+22376000001",
                "{\"type\":\"FLOOD\",\"lat\":14.5,\"lon\":-4.2,\"observedAt\":\"2026-11-24T07:00:00Z\"}");
        assertEquals(PSEUDONYM, byPhone.reporterId());
        assertFalse(byPhone.verified());
        assertTrue(g.verified(), "a known station");
        assertFalse(r.verified(), "mopti is not a known station here: the topic alone proves nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bourtol/v1/report/0022376000001", "bourtol/v1/report/00223 76 00 00 01", "bourtol/v1/report/+223-76-00-00-01",
        "bourtol/v1/report/22376000001", "bourtol/v1/gauge/0022376000001"})
    void phoneLikeTopicIdsArePseudonymizedAndRecordIdsAreKeyed(String topic) {
        String payload = topic.contains("/gauge/") ? "{\"levelCm\":640,\"observedAt\":\"2026-11-24T07:00:00Z\"}"
                : "{\"type\":\"FLOOD\",\"lat\":14.5,\"lon\":-4.2,\"observedAt\":\"2026-11-24T07:00:00Z\"}";
        Observation o = accepted(topic, payload);
        String json = org.bourtol.contracts.topic.Json.MAPPER.valueToTree(o).toString();
        assertFalse(json.contains("76000001") || json.contains("76 00 00 01") || json.contains("76-00-00-01"), json);
        assertTrue(json.contains(PSEUDONYM), json);
        assertTrue(o.id().matches("mqtt-[0-9a-f]{24}"), o.id());
        assertFalse(o.id().equals("mqtt-" + unkeyed(topic, payload)), "not the unkeyed SHA-256 anyone can recompute");
        assertFalse(o.verified());
    }

    private static String unkeyed(String topic, String payload) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(topic.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(payload.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "bourtol/v1/herd/c1|not json|bad-json",
        "bourtol/v1/herd/c1|[1,2]|bad-json",
        "bourtol/v1/herd/c1|{\"lat\":14.5,\"lon\":-4.2,\"headCount\":250,\"species\":\"cattle\"}|missing-field",
        "bourtol/v1/herd/c1|{\"lat\":14.5,\"headCount\":250,\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|missing-field",
        "bourtol/v1/herd/c1|{\"lat\":\"14.5\",\"lon\":-4.2,\"headCount\":250,\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|bad-field",
        "bourtol/v1/herd/c1|{\"lat\":95,\"lon\":-4.2,\"headCount\":250,\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|out-of-range",
        "bourtol/v1/herd/c1|{\"lat\":14,\"lon\":-4.2,\"headCount\":0,\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|out-of-range",
        "bourtol/v1/herd/c1|{\"lat\":14,\"lon\":-4.2,\"headCount\":2.5,\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|bad-field",
        "bourtol/v1/herd/c1|{\"lat\":14,\"lon\":-4.2,\"headCount\":25,\"species\":\"unicorns\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|bad-field",
        "bourtol/v1/herd/c1|{\"lat\":14,\"lon\":-4.2,\"headCount\":25,\"species\":\"cattle\",\"observedAt\":\"yesterday\"}|bad-field",
        "bourtol/v1/herd/c1|{\"lat\":14,\"lon\":-4.2,\"headCount\":25,\"species\":\"cattle\",\"observedAt\":\"2026-11-25T07:00:00Z\"}|out-of-range",
        "bourtol/v1/gauge/niamey|{\"levelCm\":5000,\"observedAt\":\"2026-11-24T07:00:00Z\"}|out-of-range",
        "bourtol/v1/gauge/niamey|{\"observedAt\":\"2026-11-24T07:00:00Z\"}|missing-field",
        "bourtol/v1/rain/mopti|{\"mm\":-1,\"periodMinutes\":60,\"observedAt\":\"2026-11-24T07:00:00Z\"}|out-of-range",
        "bourtol/v1/rain/mopti|{\"mm\":1,\"observedAt\":\"2026-11-24T07:00:00Z\"}|missing-field",
        "bourtol/v1/report/r1|{\"type\":\"PARTY\",\"place\":\"konna\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|bad-field",
        "bourtol/v1/report/r1|{\"type\":\"FLOOD\",\"place\":\"atlantis\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|unknown-place",
        "bourtol/v1/report/r1|{\"type\":\"FLOOD\",\"observedAt\":\"2026-11-24T07:00:00Z\"}|missing-field",
        "bourtol/v1/weather/x|{}|unknown-topic",
        "bourtol/v1/herd|{}|unknown-topic",
        "bourtol/v1/herd/a/b|{}|unknown-topic",
        "other/topic|{}|unknown-topic",
        "application/app/device/0101/event/up|{\"time\":\"2026-11-24T07:00:00Z\"}|no-position",
        "application/app/device/0101/event/up|{\"object\":{\"fixFailed\":true,\"latitudeDeg\":1,\"longitudeDeg\":2},\"time\":\"2026-11-24T07:00:00Z\"}|no-position",
        "v3/app/devices/dev1/up|{\"uplink_message\":{\"decoded_payload\":{\"temperature\":1.0}}}|no-position"})
    void invalidMessagesAreRefusedWithAReason(String topic, String payload, String code) {
        MqttInput in = parse(topic, payload);
        assertInstanceOf(MqttInput.Refused.class, in, () -> in.toString());
        MqttInput.Refused r = (MqttInput.Refused) in;
        assertEquals(code, r.rejected().code(), r.rejected().reason());
        assertEquals(payload, r.rejected().payload());
        assertFalse(r.rejected().reason().isBlank());
    }

    @Test
    void payloadOverTheLimitIsRefused() {
        MqttMessageParser small = new MqttMessageParser("bourtol/v1", 256, new ObservationReader(ZonesFixture::gazetteer), PSEUDONYMS,
                id -> true, id -> true);
        String pad = "x".repeat(300);
        MqttInput in = small.parse("bourtol/v1/gauge/niamey", ("{\"levelCm\":1,\"observedAt\":\"2026-11-24T07:00:00Z\",\"p\":\"" + pad + "\"}")
                .getBytes(StandardCharsets.UTF_8), T0);
        assertEquals("too-large", ((MqttInput.Refused) in).rejected().code());
        MqttInput ok = small.parse("bourtol/v1/gauge/niamey", "{\"levelCm\":1,\"observedAt\":\"2026-11-24T07:00:00Z\"}".getBytes(StandardCharsets.UTF_8), T0);
        assertInstanceOf(MqttInput.Accepted.class, ok);
    }

    @Test
    void loraWanFixturesBecomeHerdPositions() throws IOException {
        HerdPosition cs = (HerdPosition) accepted("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0001234/event/up",
                fixture("chirpstack_v4_up_collar_SYNTHETIC.json"));
        assertEquals("DIA-01", cs.herdId());
        assertEquals(14.155, cs.lat());
        assertEquals(-5.012, cs.lon());
        assertEquals(3.0, cs.speedKmh());
        assertEquals(90.0, cs.headingDeg());
        assertEquals(Source.LORAWAN, cs.source());
        assertEquals(Instant.parse("2025-11-20T07:15:02.118Z"), cs.observedAt());
        HerdPosition tts = (HerdPosition) accepted("v3/transhumance/devices/collar-dia-0001/up", fixture("tts_v3_up_collar_SYNTHETIC.json"));
        assertEquals("collar-dia-0001", tts.herdId());
        assertEquals(14.155, tts.lat());
        assertEquals(Instant.parse("2025-11-20T07:15:02.301Z"), tts.observedAt());
        assertNull(tts.reporterId());
    }

    @Test
    void loraWanUplinksWithoutPositionAreRefusedNotDropped() throws IOException {
        for (String[] f : new String[][] {
            {"application/17c82e96/device/0101010101010101/event/up", "event_up_docs_example.json"},
            {"v3/app1/devices/dev1/up", "mqtt_up_docs_example.json"},
            {"v3/app1/devices/dev1/up", "uplink_message_docs_example_fixed.json"}}) {
            MqttInput in = parse(f[0], fixture(f[1]));
            assertEquals("no-position", ((MqttInput.Refused) in).rejected().code(), f[1]);
            assertEquals(Source.LORAWAN, ((MqttInput.Refused) in).rejected().source());
        }
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = MqttMessageParserTest.class.getResourceAsStream("/lorawan/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
