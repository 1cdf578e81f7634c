package org.bourtol.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.place.ZonesFixture;
import org.bourtol.platform.http.TwilioForms;
import org.bourtol.platform.http.TwilioSigner;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.testkit.LogCapture;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.bourtol.testkit.TopicReader;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Paho publisher → mosquitto → ingest → Kafka, the signed SMS webhook and the HTTP API, end to end; then a privacy grep. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {

    static final String PHONE = "+22376000001";
    static final String OTHER_PHONE = "+22790000002";
    static final Duration WAIT = Duration.ofSeconds(30);

    static Mosquitto broker;
    static IngestHarness ingest;
    static KafkaClients kafka;
    static LogCapture logs;
    static MqttClient device;
    static final String RUN = RunId.next();

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.install();
        kafka = SharedKafka.clients();
        publishZones(kafka);
        broker = Mosquitto.start();
        Path data = Files.createTempDirectory("ingest-it");
        ingest = new IngestHarness(SharedKafka.bootstrap(), broker.url(), "ingest-it-" + RUN, data,
                Map.of("BOURTOL_HTTP_MAX_BODY_BYTES", "4096", "BOURTOL_MQTT_MAX_PAYLOAD_BYTES", "4096"));
        Poll.until(WAIT, "ingest connected to mosquitto", () -> ingest.health.snapshot().getJsonObject("components")
                .getJsonObject("ingest-mqtt").getString("status").equals("UP"));
        device = Devices.connect(broker.url(), "device-" + RUN);
    }

    static void publishZones(KafkaClients clients) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(clients.producer("zones-fixture"))) {
            for (Zone z : ZonesFixture.zones()) {
                p.send(new ProducerRecord<>(Topics.ZONES.name(), z.id().getBytes(StandardCharsets.UTF_8),
                        Topics.ZONES.valueSerde().serializer().serialize(Topics.ZONES.name(), z)));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (device != null) {
            device.disconnect();
            device.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void mqttHerdPositionReachesKafka() throws Exception {
        String herd = "herd-" + RUN;
        device.publish("bourtol/v1/herd/collar-17", ("{\"herdId\":\"" + herd + "\",\"lat\":14.5,\"lon\":-4.2,\"headCount\":250,"
                + "\"species\":\"cattle\",\"observedAt\":\"2026-11-24T07:00:00Z\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("bourtol/v1/gauge/niamey", ("{\"levelCm\":\"high\",\"observedAt\":\"2026-11-24T07:00:00Z\",\"run\":\"" + RUN + "\"}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        HerdPosition h = Poll.value(WAIT, "herd on observations", () -> observations().stream()
                .filter(o -> o instanceof HerdPosition hp && hp.herdId().equals(herd)).map(o -> (HerdPosition) o).findFirst().orElse(null));
        assertEquals(Source.MQTT, h.source());
        Rejected r = Poll.value(WAIT, "rejection", () -> TopicReader.values(kafka, Topics.REJECTED).stream()
                .filter(x -> x.payload() != null && x.payload().contains(RUN)).findFirst().orElse(null));
        assertEquals("bad-field", r.code());
        assertEquals("bourtol/v1/gauge/niamey", r.origin());
    }

    @Test
    @Order(2)
    void payloadAtTheLimitIsAcceptedAndOneByteMoreIsRejected() throws Exception {
        String head = "{\"levelCm\":321,\"observedAt\":\"2026-11-24T07:00:00Z\",\"pad\":\"";
        String atLimit = head + "x".repeat(4096 - head.length() - 2) + "\"}";
        assertEquals(4096, atLimit.getBytes(StandardCharsets.UTF_8).length);
        String over = head + "x".repeat(4096 - head.length() - 1) + "\"}";
        device.publish("bourtol/v1/gauge/limit-" + RUN, atLimit.getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("bourtol/v1/gauge/over-" + RUN, over.getBytes(StandardCharsets.UTF_8), 1, false);
        Poll.until(WAIT, "reading at the limit", () -> observations().stream()
                .anyMatch(o -> o instanceof GaugeReading g && g.stationId().equals("limit-" + RUN)));
        Rejected r = Poll.value(WAIT, "oversized rejected", () -> TopicReader.values(kafka, Topics.REJECTED).stream()
                .filter(x -> ("bourtol/v1/gauge/over-" + RUN).equals(x.origin())).findFirst().orElse(null));
        assertEquals("too-large", r.code());
    }

    @Test
    @Order(2)
    void loraWanFixturesBecomeHerdPositions() throws Exception {
        String cs = fixture("chirpstack_v4_up_collar_SYNTHETIC.json").replace("DIA-01", "DIA-" + RUN);
        String tts = fixture("tts_v3_up_collar_SYNTHETIC.json").replace("collar-dia-0001", "collar-" + RUN);
        device.publish("application/17c82e96/device/70b3d57ed0001234/event/up", cs.getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("v3/transhumance/devices/collar-" + RUN + "/up", tts.getBytes(StandardCharsets.UTF_8), 1, false);
        Poll.until(WAIT, "both LoRaWAN positions", () -> observations().stream().filter(o -> o instanceof HerdPosition hp
                && hp.source() == Source.LORAWAN && (hp.herdId().equals("DIA-" + RUN) || hp.herdId().equals("collar-" + RUN))
                && hp.lat() == 14.155 && hp.lon() == -5.012).count() == 2);
    }

    @Test
    @Order(3)
    void signedSmsGetsReceiptAndReplayIsIngestedOnce() throws Exception {
        String sid = "SM" + RUN + "a";
        HttpResponse<String> r = sms(sid, PHONE, "troupeau 250 boeufs konna vers djenne");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains(": 250 bovins a Konna vers Djenne."), r.body());
        assertEquals(r.body(), sms(sid, PHONE, "troupeau 250 boeufs konna vers djenne").body());
        HttpResponse<String> missing = sms("SM" + RUN + "b", PHONE, "TROUPEAU boeufs konna");
        assertTrue(missing.body().contains("Nombre manquant. Ex: TROUPEAU 120 bovins Konna"), missing.body());
        String level = "SM" + RUN + "c";
        sms(level, PHONE, "NIVEAU mopti 640");
        sms(level, PHONE, "NIVEAU mopti 640");
        sms("SM" + RUN + "d", OTHER_PHONE, "LEVEL mopti 641");
        Poll.until(WAIT, "later reading on the same partition", () -> observations().stream().anyMatch(o -> o.id().equals("sms-SM" + RUN + "d")));
        List<Observation> all = observations();
        assertEquals(1, all.stream().filter(o -> o.id().equals("sms-" + sid)).count());
        assertEquals(1, all.stream().filter(o -> o.id().equals("sms-" + level)).count());
        GaugeReading g = (GaugeReading) all.stream().filter(o -> o.id().equals("sms-" + level)).findFirst().orElseThrow();
        assertEquals(IngestHarness.PSEUDONYMS.of(PHONE), g.reporterId());
        // a herd report without its count names a known place: kept for an officer to read, not refused
        Poll.until(WAIT, "unclear sms kept for triage", () -> TopicReader.values(kafka, Topics.TRIAGE).stream()
                .anyMatch(x -> x.id().equals("sms-SM" + RUN + "b") && "konna".equals(x.zoneId())));
        String forged = TwilioForms.encode(Map.of("MessageSid", "SM" + RUN + "e", "From", PHONE, "Body", "NIVEAU mopti 999"));
        HttpResponse<String> f = ingest.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ingest.base() + "/sms/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, f.statusCode());
    }

    @Test
    @Order(4)
    void reporterDirectoryMasksPhonesAndMarksSendersVerified() throws Exception {
        String id = "konna-" + RUN;
        HttpResponse<String> put = ingest.send("PUT", "/api/v1/reporters/" + id, IngestHarness.ADMIN, "application/json",
                "{\"name\":\"Comite de paix de Konna\",\"phone\":\"" + PHONE + "\",\"language\":\"fr\",\"homeZone\":\"konna\",\"verified\":true}");
        assertEquals(201, put.statusCode(), put.body());
        assertFalse(put.body().contains("76000001"), put.body());
        assertTrue(put.body().contains("+223****0001"), put.body());
        HttpResponse<String> get = ingest.send("GET", "/api/v1/reporters/" + id, IngestHarness.ADMIN, null, null);
        assertEquals(200, get.statusCode());
        assertFalse(get.body().contains("76000001"), get.body());
        assertEquals(400, ingest.send("PUT", "/api/v1/reporters/x", IngestHarness.ADMIN, "application/json",
                "{\"name\":\"x\",\"phone\":\"76000001\"}").statusCode());
        sms("SM" + RUN + "f", PHONE, "ALERTE CONFLIT konna");
        Poll.until(WAIT, "verified report", () -> observations().stream().anyMatch(o -> o.id().equals("sms-SM" + RUN + "f") && o.verified()));
        assertEquals(204, ingest.send("DELETE", "/api/v1/reporters/" + id, IngestHarness.ADMIN, null, null).statusCode());
        assertEquals(404, ingest.send("GET", "/api/v1/reporters/" + id, IngestHarness.ADMIN, null, null).statusCode());
    }

    @Test
    @Order(5)
    void observationsApiTokensAndLimits() throws Exception {
        String batch = "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":600,\"observedAt\":\"2026-11-24T07:00:00Z\",\"id\":\"b-" + RUN + "\"},"
                + "{\"kind\":\"herd\",\"herdId\":\"h-" + RUN + "\",\"lat\":14.5,\"lon\":-4.2,\"headCount\":20,\"species\":\"goats\",\"observedAt\":\"2026-11-24T07:00:00Z\"}]";
        assertEquals(401, ingest.send("POST", "/api/v1/observations", null, "application/json", batch).statusCode());
        // a reporterId that is a phone in another writing than +E.164 is pseudonymized too (noPhoneNumberInTopicsOrLogs)
        HttpResponse<String> byPhone = ingest.send("POST", "/api/v1/observations", IngestHarness.ADMIN, "application/json",
                "[{\"kind\":\"report\",\"reporterId\":\"00" + PHONE.substring(1) + "\",\"type\":\"FLOOD\",\"lat\":14.5,"
                        + "\"lon\":-4.2,\"observedAt\":\"2026-11-24T07:00:00Z\"}]");
        assertEquals(200, byPhone.statusCode(), byPhone.body());
        device.publish("bourtol/v1/report/00" + OTHER_PHONE.substring(1), "{\"type\":\"FLOOD\",\"lat\":14.5,\"lon\":-4.2,\"observedAt\":\"2026-11-24T07:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("bourtol/v1/report/" + OTHER_PHONE.substring(1), "not json".getBytes(StandardCharsets.UTF_8), 1, false);
        Poll.until(WAIT, "both reports by phone-like ids, pseudonymized", () -> observations().stream()
                .anyMatch(o -> o.source() == Source.HTTP && IngestHarness.PSEUDONYMS.of(PHONE).equals(o.reporterId()))
                && observations().stream().anyMatch(o -> o.source() == Source.MQTT && IngestHarness.PSEUDONYMS.of(OTHER_PHONE).equals(o.reporterId())));
        HttpResponse<String> ok = ingest.send("POST", "/api/v1/observations", IngestHarness.ADMIN, "application/json", batch);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("http-b-" + RUN), ok.body());
        HttpResponse<String> bad = ingest.send("POST", "/api/v1/observations", IngestHarness.ADMIN, "application/json",
                "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":9000,\"observedAt\":\"2026-11-24T07:00:00Z\"},{\"kind\":\"volcano\"}]");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("item 0: levelCm 9000 is out of range") && bad.body().contains("item 1: unknown kind"), bad.body());
        String big = "[" + ("{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":600,\"observedAt\":\"2026-11-24T07:00:00Z\"},").repeat(60) + "{}]";
        assertEquals(413, ingest.send("POST", "/api/v1/observations", IngestHarness.ADMIN, "application/json", big).statusCode());

        HttpResponse<String> created = ingest.send("POST", "/api/v1/tokens", IngestHarness.ADMIN, "application/json",
                "{\"name\":\"dashboard-" + RUN + "\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        var node = Json.MAPPER.readTree(created.body());
        String viewer = node.get("token").asText();
        assertEquals(403, ingest.send("POST", "/api/v1/observations", viewer, "application/json", batch).statusCode());
        assertEquals(403, ingest.send("GET", "/api/v1/reporters", viewer, null, null).statusCode(), "reporter reads are officer-only");
        HttpResponse<String> list = ingest.send("GET", "/api/v1/tokens", IngestHarness.ADMIN, null, null);
        assertTrue(list.body().contains(node.get("sha256").asText()) && !list.body().contains(viewer), list.body());
        assertEquals(204, ingest.send("DELETE", "/api/v1/tokens/" + node.get("sha256").asText(), IngestHarness.ADMIN, null, null).statusCode());
        assertEquals(401, ingest.send("GET", "/api/v1/reporters", viewer, null, null).statusCode(), "a revoked token is unknown");
        Poll.until(WAIT, "batch on kafka", () -> observations().stream().anyMatch(o -> o.id().equals("http-b-" + RUN)));
    }

    @Test
    @Order(6)
    void noPhoneNumberInTopicsOrLogs() {
        List<String> texts = new ArrayList<>();
        for (String topic : List.of(Topics.OBSERVATIONS.name(), Topics.REJECTED.name(), Topics.ACKS.name(), Topics.AUDIT.name(),
                Topics.SMS_STATUS.name(), Topics.TOKENS.name())) {
            TopicReader.raw(kafka, topic).forEach(r -> texts.add(topic + ": "
                    + (r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + " "
                    + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))));
        }
        texts.addAll(logs.lines);
        assertTrue(logs.lines.stream().anyMatch(l -> l.contains("sms ingested")), "logs were captured");
        for (String phone : List.of(PHONE, OTHER_PHONE)) {
            String digits = phone.substring(4);
            List<String> leaks = texts.stream().filter(t -> t.contains(digits)).collect(Collectors.toList());
            assertTrue(leaks.isEmpty(), "phone " + Phones(phone) + " found in: " + leaks);
        }
    }

    private static String Phones(String p) {
        return org.bourtol.contracts.privacy.Phones.mask(p);
    }

    static List<Observation> observations() {
        return TopicReader.values(kafka, Topics.OBSERVATIONS);
    }

    static HttpResponse<String> sms(String sid, String from, String body) throws Exception {
        Map<String, String> p = TwilioForms.inboundSms(sid, "AC00000000000000000000000000000000", from, "+22370000000", body);
        p.put("NumMedia", "0");
        String sig = new TwilioSigner(IngestHarness.TWILIO_TOKEN).sign(IngestHarness.PUBLIC_URL + "/sms/inbound", p);
        return ingest.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ingest.base() + "/sms/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", sig)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TwilioForms.encode(p))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String fixture(String name) throws Exception {
        try (var in = IngestIT.class.getResourceAsStream("/lorawan/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
