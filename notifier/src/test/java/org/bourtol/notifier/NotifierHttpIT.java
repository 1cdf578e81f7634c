package org.bourtol.notifier;

import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.cap.CapRenderer;
import org.bourtol.notifier.cap.SafeXml;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiErrors;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.TopicReader;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notifier's HTTP surface (recipients API, CAP feed) and its retained MQTT alert topics, against a real mosquitto. */
class NotifierHttpIT {

    static Harness h;
    static Mosquitto mosquitto;
    static HttpServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        h = new Harness();
        mosquitto = Mosquitto.start();
        Router router = Router.router(h.vertx);
        ApiErrors.install(router);
        ApiAuth auth = new ApiAuth(Harness.ADMIN);
        auth.put(new ApiToken(ApiAuth.sha256("viewer-token"), "viewer", "viewer", Instant.now()));
        NotifierComponent.Options o = NotifierComponent.Options.defaults();
        h.start("it-http", new NotifierComponent.Options(o.clock(), o.retry(), o.policy(), Duration.ofMillis(50)), router,
                Map.of("BOURTOL_MQTT_URL", mosquitto.url()), auth);
        server = h.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
        mosquitto.close();
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recipientDirectoryValidatesMasksAndAudits() throws Exception {
        h.put(zone("it6-konna", ZoneKind.COMMUNE, "Konna", null));
        String doc = """
                {"name": "Comite de paix de Konna", "role": "peace-committee", "phone": "+22376000601", "language": "fr",
                 "zones": ["it6-konna"], "hazards": ["conflict", "flood"], "minSeverity": "Moderate", "channels": ["sms"],
                 "quietHours": {"from": "22:00", "to": "06:00"}}""";
        assertEquals(401, call("PUT", "/api/v1/recipients/it6-konna-cp", null, doc).statusCode());
        assertEquals(403, call("PUT", "/api/v1/recipients/it6-konna-cp", "viewer-token", doc).statusCode());
        HttpResponse<String> created = call("PUT", "/api/v1/recipients/it6-konna-cp", Harness.ADMIN, doc);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("+223****0601", Json.MAPPER.readTree(created.body()).get("phone").asText());
        assertFalse(created.body().contains("76000601"));

        HttpResponse<String> bad = call("PUT", "/api/v1/recipients/it6-bad", Harness.ADMIN,
                "{\"name\":\"x\",\"phone\":\"0022376\",\"language\":\"xx\",\"zones\":[\"nowhere\"],\"hazards\":[\"fire\"]}");
        assertEquals(400, bad.statusCode());
        JsonNode details = Json.MAPPER.readTree(bad.body()).get("details");
        assertEquals(4, details.size(), bad.body());

        HttpResponse<String> edited = call("PUT", "/api/v1/recipients/it6-konna-cp", Harness.ADMIN,
                doc.replace("\"phone\": \"+22376000601\",", "").replace("Moderate", "Severe"));
        assertEquals(200, edited.statusCode(), edited.body());
        Poll.until(Duration.ofSeconds(10), "directory updated", () -> h.started.get(0) != null
                && get("/api/v1/recipients/it6-konna-cp").contains("Severe"));
        String one = get("/api/v1/recipients/it6-konna-cp");
        assertTrue(one.contains("+223****0601"), "phone kept when omitted: " + one);
        assertTrue(get("/api/v1/recipients").contains("it6-konna-cp"));

        HttpResponse<String> deactivated = call("DELETE", "/api/v1/recipients/it6-konna-cp", Harness.ADMIN, null);
        assertEquals(200, deactivated.statusCode(), deactivated.body());
        assertFalse(Json.MAPPER.readTree(deactivated.body()).get("active").asBoolean(true), "deactivated, not deleted: " + deactivated.body());
        Poll.until(Duration.ofSeconds(10), "kept in the directory as deactivated",
                () -> get("/api/v1/recipients/it6-konna-cp").contains("\"active\":false"));
        assertTrue(get("/api/v1/recipients").contains("it6-konna-cp"), "still listed");
        HttpResponse<String> back = call("PUT", "/api/v1/recipients/it6-konna-cp", Harness.ADMIN,
                doc.replace("\"phone\": \"+22376000601\",", "\"active\": true,"));
        assertEquals(200, back.statusCode(), back.body());
        assertEquals(400, call("PUT", "/api/v1/recipients/it6-konna-cp", Harness.ADMIN, doc.replace("\"phone\"", "\"active\": \"no\", \"phone\""))
                .statusCode(), "active must be a boolean");
        Poll.until(Duration.ofSeconds(10), "four audit entries", () -> audit("recipient/it6-konna-cp").size() == 4);
        List<String> audit = audit("recipient/it6-konna-cp");
        assertTrue(audit.stream().noneMatch(a -> a.contains("76000601")), audit.toString());
        assertTrue(audit.get(0).contains("\"action\":\"create\"") && audit.get(0).contains("\"actor\":\"admin\""), audit.get(0));
        assertTrue(audit.get(2).contains("\"action\":\"deactivate\"") && audit.get(2).contains("\"version\":3"), audit.get(2));
        assertTrue(audit.get(3).contains("\"action\":\"reactivate\""), audit.get(3));
    }

    @Test
    void capFeedListsTheActiveAlertAndServesValidCap() throws Exception {
        h.put(zone("it7-niamey", ZoneKind.STATION, "Niamey", null));
        h.raise(alert("it7-alert", "K7Q", Hazard.FLOOD, "it7-niamey", Severity.Extreme, AlertState.ACTIVE, false));
        Poll.until(Duration.ofSeconds(10), "feed lists the alert", () -> get("/cap/alerts.atom").contains("it7-alert"));
        String xml = get("/cap/alerts/it7-alert.xml");
        SafeXml.validate(SafeXml.schema(getClass().getResource("/cap/CAP-v1.2.xsd")), xml);
        assertTrue(xml.contains("<msgType>Alert</msgType>") && xml.contains("<circle>"), xml);
        xmllint(xml);
        assertEquals(404, call("GET", "/cap/alerts/none.xml", null, null).statusCode());

        var resolved = alert("it7-alert", "K7Q", Hazard.FLOOD, "it7-niamey", Severity.Extreme, AlertState.RESOLVED, false);
        h.resolve(resolved);
        Poll.until(Duration.ofSeconds(10), "feed drops it", () -> !get("/cap/alerts.atom").contains("it7-alert"));
        assertTrue(get("/cap/alerts/it7-alert.xml").contains("<msgType>Cancel</msgType>"));
        assertEquals("urn:oasis:names:tc:emergency:cap:1.2", CapRenderer.NS);
    }

    @Test
    void retainedAlertOnMqttIsClearedOnResolve() throws Exception {
        raiseRetained(alert("it8-alert", "K8M", Hazard.FLOOD, "it8-zone", Severity.Severe, AlertState.ACTIVE, false));
        assertFalse(retained("bourtol/v1/alerts/it8-zone").contains("K8M"), "the acknowledgement code is not on a public topic");
        var resolved = alert("it8-alert", "K8M", Hazard.FLOOD, "it8-zone", Severity.Severe, AlertState.RESOLVED, false);
        h.resolve(resolved);
        Poll.until(Duration.ofSeconds(20), "retained message cleared", () -> retained("bourtol/v1/alerts/it8-zone").isEmpty());
    }

    @Test
    void afterTheBrokerComesBackTheRetainedStateIsPublishedAgain() throws Exception {
        raiseRetained(alert("it9-alert", "K9R", Hazard.FLOOD, "it9-zone", Severity.Severe, AlertState.ACTIVE, false));
        mosquitto.stop();
        try {
            var second = alert("it9-alert-2", "K9S", Hazard.FLOOD, "it9-zone", Severity.Extreme, AlertState.ACTIVE, false);
            h.raise(second);
            Poll.until(Duration.ofSeconds(20), "the notifier's view has the second alert while the broker is down",
                    () -> get("/cap/alerts.atom").contains("it9-alert-2"));
        } finally {
            mosquitto.restart();
        }
        // whether or not the broker kept the old retained message, only a re-publish after the reconnect shows the second alert
        Poll.until(Duration.ofSeconds(60), "the retained state re-published after the reconnect",
                () -> retained("bourtol/v1/alerts/it9-zone").contains("it9-alert-2"));
        assertTrue(retained("bourtol/v1/alerts/it9-zone").contains("it9-alert\""), "both active alerts of the zone");
    }

    /** Raises {@code a} once the notifier sends with MQTT connected, and waits until its zone's retained message carries it. */
    static void raiseRetained(Alert a) throws Exception {
        Poll.until(Duration.ofSeconds(20), "notifier owns and MQTT connected", () -> h.started.get(0).isSending());
        h.raise(a);
        Poll.until(Duration.ofSeconds(20), "retained alert", () -> retained("bourtol/v1/alerts/" + a.zone()).contains(a.id()));
    }

    /** Also checks the document with libxml2's validator when xmllint is installed (CAP 1.2 schema validity is an acceptance check). */
    static void xmllint(String xml) throws Exception {
        var xmllint = org.bourtol.testkit.ExternalBinary.find("xmllint");
        if (xmllint.isEmpty()) {
            return;
        }
        java.nio.file.Path doc = java.nio.file.Files.createTempFile("cap", ".xml");
        java.nio.file.Path xsd = java.nio.file.Files.createTempFile("cap", ".xsd");
        java.nio.file.Files.writeString(doc, xml);
        try (var in = NotifierHttpIT.class.getResourceAsStream("/cap/CAP-v1.2.xsd")) {
            java.nio.file.Files.copy(in, xsd, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder(xmllint.get().toString(), "--noout", "--nonet", "--schema", xsd.toString(), doc.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    /**
     * The retained payload on a topic ("" when none), read by a fresh subscriber. "None" is known, not
     * guessed from a timeout: the reader also subscribes to a marker topic and publishes to it after
     * subscribing, and the broker sends a subscription's retained message before later publications;
     * a slow broker makes this wait (up to 10 s) or fail, never answer "".
     */
    static String retained(String topic) {
        try {
            String id = "it-reader-" + System.nanoTime();
            String marker = "it/marker/" + id;
            MqttClient c = new MqttClient(mosquitto.url().replace("mqtt://", "tcp://"), id, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            c.connect(o);
            List<String> got = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch markerSeen = new java.util.concurrent.CountDownLatch(1);
            c.subscribe(new String[] {topic, marker}, new int[] {1, 1}, new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)), (t, m) -> markerSeen.countDown()});
            c.publish(marker, new byte[] {1}, 1, false);
            boolean seen = markerSeen.await(10, TimeUnit.SECONDS);
            c.disconnect();
            c.close();
            if (!seen) {
                return "error: marker not received within 10 s";
            }
            return got.isEmpty() ? "" : got.get(0);
        } catch (Exception e) {
            return "error: " + e.getMessage();
        }
    }

    static String get(String path) {
        try {
            return call("GET", path, Harness.ADMIN, null).body();
        } catch (Exception e) {
            return "";
        }
    }

    static List<String> audit(String key) {
        return TopicReader.raw(h.kafka, Topics.AUDIT.name()).stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
