package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.PrometheusText;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded platform on free ports, as {@code bourtol run --embedded} starts it: Kafka round trip,
 * MQTT round trip with Paho through the embedded broker with Bourtol's generated accounts (anonymous
 * clients, guessed passwords and a device claiming ingest's session refused; a device's reading under
 * another station's id dropped; the accounts file 0600 and kept across the restart), {@code /health} 200 with every check UP (or
 * DISABLED: InfluxDB without a URL), the admin token and a token from the tokens topic accepted by
 * the API, then a restart on the same data directory finds the earlier record, the same pseudonym
 * key and the token.
 */
@Timeout(300)
class EmbeddedInstanceIT {

    private static final String VIEWER_TOKEN = "it-viewer-token-0123456789";

    @TempDir
    Path dataDir;

    private static final String DEVICE_PASSWORD = "mopti-gauge-secret-1";

    private Instance start() {
        return EmbeddedInstances.start(dataDir);
    }

    @Test
    void roundTripsHealthAndRestart() throws Exception {
        AuditEntry entry = new AuditEntry("it", "platform", "create", "EmbeddedInstanceIT", Instant.parse("2026-01-01T00:00:00Z"),
                1, null, null, "written before the restart");
        String key = "it/" + System.nanoTime();
        String pseudonymKey;
        Path users = dataDir.resolve("mqtt-users.properties");
        // an operator's device account, before the first start: the gauge of station mopti
        Files.writeString(users, "mopti=" + DEVICE_PASSWORD + "\n");
        Map<String, String> accounts;
        try (Instance p = start()) {
            assertTrue(p.httpPort() > 0);
            assertNotNull(p.adminToken(), "embedded mode generates an admin token");
            try (KafkaProducer<String, AuditEntry> producer = new KafkaProducer<>(p.kafka().producer("it"),
                    Topics.AUDIT.keySerde().serializer(), Topics.AUDIT.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(Topics.AUDIT.name(), key, entry)).get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(entry), AuditTrail.of(p, key));

            mqttRoundTrip(p);
            accounts = MqttUsers.read(users);
            assertEquals(java.util.Set.of("mopti", "bourtol-ingest", "bourtol-notifier", "bourtol-gateway"), accounts.keySet());
            assertEquals(DEVICE_PASSWORD, accounts.get("mopti"), "the operator's line kept");
            refusesStrangers(p);

            assertEquals(401, get(p, "/api/v1/rules", null).statusCode());
            assertEquals(200, get(p, "/api/v1/rules", p.adminToken()).statusCode(), "seeded admin token");
            try (KafkaProducer<String, ApiToken> producer = new KafkaProducer<>(p.kafka().producer("it-tokens"),
                    Topics.TOKENS.keySerde().serializer(), Topics.TOKENS.valueSerde().serializer())) {
                String hash = ApiAuth.sha256(VIEWER_TOKEN);
                producer.send(new ProducerRecord<>(Topics.TOKENS.name(), hash, new ApiToken(hash, "it-viewer", "viewer", Instant.EPOCH)))
                        .get(30, TimeUnit.SECONDS);
            }
            Poll.until(Duration.ofSeconds(20), "token from the tokens topic accepted",
                    () -> get(p, "/api/v1/rules", VIEWER_TOKEN).statusCode() == 200);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.httpBase() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            JsonObject components = new JsonObject(health.body()).getJsonObject("components");
            for (String name : List.of("kafka", "mqtt", "ingest-mqtt", "rules", "notifier")) {
                assertEquals("UP", components.getJsonObject(name).getString("status"), name + " in " + health.body());
            }
            components.forEach(e -> assertTrue(List.of("UP", "DISABLED").contains(((JsonObject) e.getValue()).getString("status")),
                    e.getKey() + " in " + health.body()));
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.httpBase() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "Prometheus text");
            assertTrue(metrics.body().contains("bourtol_alerts_current{state=\"active\"}"), "alerts per state");
            countersMove(p);
            HttpResponse<String> console = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.httpBase() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, console.statusCode());
            assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(console.body().contains("<script type=\"module\" src=\"/console/app.js\"></script>"),
                    "the console page loads its application (driven in a browser by ConsoleIT)");
            HttpResponse<String> feed = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.httpBase() + "/cap/alerts.atom")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, feed.statusCode(), "the feed the console reads is public");
            pseudonymKey = p.config().security().pseudonymKey();
        }
        Path keyFile = dataDir.resolve("pseudonym.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));

        try (Instance again = start()) {
            assertEquals(List.of(entry), AuditTrail.of(again, key), "the record written before the restart is still there");
            assertEquals(pseudonymKey, again.config().security().pseudonymKey(), "pseudonym key kept under the data directory");
            assertEquals(200, get(again, "/api/v1/rules", VIEWER_TOKEN).statusCode(), "token directory loaded before HTTP serves");
            mqttRoundTrip(again);
            assertEquals(accounts, MqttUsers.read(users), "MQTT accounts never regenerated");
        }
    }

    private static HttpResponse<String> get(Instance p, String path, String token) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(p.httpBase() + path));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    /**
     * A reading and a malformed payload over MQTT move the ingest counters on /metrics; the same device's
     * reading under another station's id is dropped by the broker (not an observation), which closes its connection.
     */
    private static void countersMove(Instance p) throws Exception {
        Map<String, String> mqtt = Map.of("source", "mqtt");
        Map<String, String> badJson = Map.of("reason", "bad-json");
        double readings = counter(p, "bourtol_ingest_messages_total", mqtt);
        double rejected = counter(p, "bourtol_ingest_rejected_total", badJson);
        MqttConnectOptions mopti = MqttOptions.base(p.config().mqtt().withCredentials("mopti", DEVICE_PASSWORD));
        // refused by the broker, which closes the device's connection (MQTT 3.1.1 has no negative PUBACK)
        org.eclipse.paho.client.mqttv3.MqttClient refused = new org.eclipse.paho.client.mqttv3.MqttClient(MqttOptions.pahoUrl(p.mqttUrl()),
                "it-platform-gauge", new MemoryPersistence());
        refused.setTimeToWait(10_000);
        refused.connect(mopti);
        assertThrows(org.eclipse.paho.client.mqttv3.MqttException.class, () -> refused.publish("bourtol/v1/gauge/niamey",
                "{\"levelCm\": 999, \"observedAt\": \"2026-11-24T07:00:00Z\"}".getBytes(StandardCharsets.UTF_8), 1, false));
        assertFalse(refused.isConnected(), "the connection of the device that published under niamey's id is closed");
        refused.close();
        MqttAsyncClient pub = new MqttAsyncClient(MqttOptions.pahoUrl(p.mqttUrl()), "it-platform-gauge", new MemoryPersistence());
        pub.connect(mopti).waitForCompletion(10_000);
        pub.publish("bourtol/v1/gauge/mopti", "{\"levelCm\": 412, \"observedAt\": \"2026-11-24T07:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                1, false).waitForCompletion(10_000);
        pub.publish("bourtol/v1/gauge/mopti", "{levelCm: 412".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
        pub.disconnectForcibly(0, 1000);
        pub.close();
        Poll.until(Duration.ofSeconds(30), "the MQTT reading counted", () -> counter(p, "bourtol_ingest_messages_total", mqtt) >= readings + 1);
        Poll.until(Duration.ofSeconds(30), "the malformed payload counted", () -> counter(p, "bourtol_ingest_rejected_total", badJson) >= rejected + 1);
        assertEquals(readings + 1, counter(p, "bourtol_ingest_messages_total", mqtt), "the reading under niamey's id is not an observation");
    }

    /** Anonymous clients, a guessed password for ingest's account and a device claiming ingest's session are refused. */
    private static void refusesStrangers(Instance p) throws Exception {
        BourtolConfig.Mqtt ingest = p.config().mqtt();
        MqttConnectOptions anonymous = MqttOptions.persistent(ingest.withCredentials(null, null));
        MqttConnectOptions guessed = MqttOptions.persistent(ingest.withCredentials("bourtol-ingest", "guess"));
        MqttConnectOptions device = MqttOptions.persistent(ingest.withCredentials("mopti", DEVICE_PASSWORD));
        for (MqttConnectOptions o : List.of(anonymous, guessed, device)) {
            o.setAutomaticReconnect(false);
            MqttClient c = new MqttClient(MqttOptions.pahoUrl(p.mqttUrl()), ingest.clientId(), new MemoryPersistence());
            MqttException e = assertThrows(MqttException.class, () -> c.connect(o), "connect as " + o.getUserName());
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.getReasonCode(), "connect as " + o.getUserName());
            c.close();
        }
        Poll.until(Duration.ofSeconds(10), "ingest still subscribed", () -> get(p, "/health", p.adminToken()).body().contains("subscribed at"));
    }

    private static double counter(Instance p, String name, Map<String, String> labels) {
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(p.httpBase() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            return PrometheusText.parse(res.body()).value(name, labels).orElse(0.0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /metrics", e);
        }
    }

    /** Ingest's account reads what the notifier's account writes on an alert topic (not retained). */
    private static void mqttRoundTrip(Instance p) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient sub = new MqttClient(MqttOptions.pahoUrl(p.mqttUrl()), "it-platform-sub", new MemoryPersistence());
        sub.connect(MqttOptions.persistent(p.config().mqtt()));
        sub.subscribe("bourtol/v1/alerts/it-platform", 1, (topic, msg) -> received.add(new String(msg.getPayload(), StandardCharsets.UTF_8)));
        MqttClient pub = new MqttClient(MqttOptions.pahoUrl(p.mqttUrl()), "it-platform-pub", new MemoryPersistence());
        pub.connect(MqttOptions.base(p.config().mqtt().forNotifier()));
        pub.publish("bourtol/v1/alerts/it-platform", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("hello", received.poll(10, TimeUnit.SECONDS));
        pub.disconnect();
        pub.close();
        sub.disconnect();
        sub.close();
    }
}
