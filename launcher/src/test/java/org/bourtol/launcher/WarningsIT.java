package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.instance.AuditTrail;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.notifier.cap.SafeXml;
import org.bourtol.notifier.mqtt.AlertTopics;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.testkit.Poll;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.bourtol.launcher.testing.EmbeddedApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An officer-issued warning end to end on the embedded platform, as {@code bourtol run --embedded}
 * starts it, with the local Twilio-compatible sink as the SMS recorder: an officer drafts an Extreme
 * conflict warning for Konna; bad drafts are refused naming the field; the author's own approval is
 * refused (403); a second officer approves; the Konna peace committee gets one SMS; the CAP feed
 * carries it (valid CAP 1.2, the office as sender, issued by hand by the author); an update widens it
 * to Djenne (Djenne's committee gets the alert, Konna's the update); narrowing it to Djenne sends Konna the
 * update and clears Konna's retained MQTT state; a cancel reaches both; every step
 * is on the audit topic with the token's name.
 */
@Timeout(300)
class WarningsIT {

    static final String KONNA = "+22376000001";
    static final String DJENNE = "+22376000002";

    @TempDir
    Path dataDir;

    @Test
    void officerWarnsKonnaWithAColleaguesApprovalWidensItToDjenneAndCancelsIt() throws Exception {
        try (Instance p = EmbeddedInstances.start(dataDir, "BOURTOL_NOTIFIER_WARNING_OFFICE", "dgpc-mopti@protectioncivile.ml")) {
            LocalTwilioServer sms = p.localTwilio().orElseThrow();
            String aminata = EmbeddedApi.token(p, p.adminToken(), "aminata", "officer");
            String moussa = EmbeddedApi.token(p, p.adminToken(), "moussa", "officer");
            recipient(p, aminata, "pc-konna", "Comite de paix de Konna", KONNA, "konna");
            recipient(p, aminata, "pc-djenne", "Comite de paix de Djenne", DJENNE, "djenne");

            String draft = """
                    {"hazard": "conflict", "severity": "Extreme", "urgency": "Immediate", "certainty": "Likely",
                     "zones": ["konna"],
                     "headline": {"fr": "Groupe arme signale sur la route de Konna", "en": "Armed group reported on the Konna road"},
                     "instruction": {"fr": "Evitez la route, restez au village.", "en": "Avoid the road, stay in the village."},
                     "expiresAt": "%s"}""".formatted(Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
            refused(send(p, aminata, "POST", "/api/v1/alerts", draft.replace("\"zones\": [\"konna\"],", "")), 400, "zones:");
            refused(send(p, aminata, "POST", "/api/v1/alerts", draft.replaceAll("\"headline\": \\{[^}]*},", "")), 400, "headline:");
            refused(send(p, aminata, "POST", "/api/v1/alerts", draft.replace("\"zones\": [\"konna\"],",
                    "\"area\": {\"type\": \"Polygon\", \"coordinates\": [[[30, 40], [31, 40], [31, 41], [30, 40]]]},")), 400, "area:");
            refused(send(p, aminata, "POST", "/api/v1/alerts", draft.replace("Evitez la route, restez au village.",
                    "Evitez la route. ".repeat(25))), 400, "headline.fr:");

            HttpResponse<String> created = send(p, aminata, "POST", "/api/v1/alerts", draft);
            assertEquals(201, created.statusCode(), created.body());
            String id = Json.MAPPER.readTree(created.body()).get("id").asText();
            assertEquals("draft", Json.MAPPER.readTree(created.body()).get("state").asText());

            refused(send(p, aminata, "POST", "/api/v1/alerts/" + id + "/approve", ""), 403, "approver: aminata");
            HttpResponse<String> approved = send(p, moussa, "POST", "/api/v1/alerts/" + id + "/approve", "");
            assertEquals(200, approved.statusCode(), approved.body());

            Poll.until(Duration.ofSeconds(60), "the Konna committee's SMS", () -> sms.messagesTo(KONNA).size() == 1);
            String first = sms.messagesTo(KONNA).get(0).body();
            assertTrue(first.startsWith("Comite de paix - Risque de tension Konna: Groupe arme signale sur la route de Konna."), first);
            assertTrue(first.contains("Evitez la route, restez au village."), first);
            JsonNode alert = Json.MAPPER.readTree(send(p, aminata, "GET", "/api/v1/alerts/" + id, null).body());
            assertTrue(first.endsWith("OK " + alert.get("code").asText()), first);
            assertEquals("aminata", alert.at("/issued/by").asText());
            assertEquals("moussa", alert.at("/issued/approvedBy").asText());

            String cap = cap(p, id, "Alert");
            assertTrue(cap.contains("<sender>dgpc-mopti@protectioncivile.ml</sender>"), cap);
            assertTrue(cap.contains("<source>Issued by hand by aminata, approved by moussa</source>"), cap);
            assertTrue(cap.contains("<severity>Extreme</severity>") && cap.contains("<status>Actual</status>"), cap);
            String feed = send(p, null, "GET", "/cap/alerts.atom", null).body();
            assertTrue(feed.contains(id), feed);
            assertEquals(0, sms.messagesTo(DJENNE).size(), "Djenne is not in the warning yet");

            HttpResponse<String> widened = send(p, moussa, "PATCH", "/api/v1/alerts/" + id, "{\"zones\": [\"konna\", \"djenne\"]}");
            assertEquals(200, widened.statusCode(), widened.body());
            Poll.until(Duration.ofSeconds(60), "Djenne's alert and Konna's update",
                    () -> sms.messagesTo(DJENNE).size() == 1 && sms.messagesTo(KONNA).size() == 2);
            String djenne = sms.messagesTo(DJENNE).get(0).body();
            assertTrue(djenne.startsWith("Comite de paix - Risque de tension Konna, Djenné: Groupe arme"), djenne);
            String update = sms.messagesTo(KONNA).get(1).body();
            assertTrue(update.startsWith("MISE A JOUR Risque de tension Konna, Djenné:"), update);
            String updatedCap = cap(p, id, "Update");
            assertTrue(updatedCap.contains("<references>dgpc-mopti@protectioncivile.ml,bourtol-"), updatedCap);
            assertTrue(updatedCap.contains("<value>djenne</value>"), updatedCap);

            // narrowing to Djenne: Konna's committee (already warned) gets the update, Konna's retained MQTT state is cleared
            Map<String, String> retained = new ConcurrentHashMap<>();
            MqttClient sub = new MqttClient(MqttOptions.pahoUrl(p.mqttUrl()), "it-warnings-sub", new MemoryPersistence());
            sub.connect(MqttOptions.base(p.config().mqtt()));
            sub.subscribe(AlertTopics.topic(p.config().mqtt().prefix(), "+"), 1,
                    (topic, msg) -> retained.put(topic, new String(msg.getPayload(), StandardCharsets.UTF_8)));
            String konnaTopic = AlertTopics.topic(p.config().mqtt().prefix(), "konna");
            String djenneTopic = AlertTopics.topic(p.config().mqtt().prefix(), "djenne");
            Poll.until(Duration.ofSeconds(30), "Konna's and Djenne's retained state",
                    () -> retained.getOrDefault(konnaTopic, "").contains(id) && retained.getOrDefault(djenneTopic, "").contains(id));
            HttpResponse<String> narrowed = send(p, moussa, "PATCH", "/api/v1/alerts/" + id, "{\"zones\": [\"djenne\"]}");
            assertEquals(200, narrowed.statusCode(), narrowed.body());
            Poll.until(Duration.ofSeconds(60), "the update to both committees",
                    () -> sms.messagesTo(DJENNE).size() == 2 && sms.messagesTo(KONNA).size() == 3);
            assertTrue(sms.messagesTo(KONNA).get(2).body().startsWith("MISE A JOUR Risque de tension Djenné:"), sms.messagesTo(KONNA).toString());
            Poll.until(Duration.ofSeconds(30), "Konna's retained state cleared", () -> "".equals(retained.get(konnaTopic)));
            assertTrue(retained.get(djenneTopic).contains(id), retained.toString());
            sub.disconnect();
            sub.close();

            HttpResponse<String> cancelled = send(p, aminata, "POST", "/api/v1/alerts/" + id + "/cancel", "");
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            Poll.until(Duration.ofSeconds(60), "the cancellation to both committees",
                    () -> sms.messagesTo(DJENNE).size() == 3 && sms.messagesTo(KONNA).size() == 4);
            for (String to : List.of(KONNA, DJENNE)) {
                List<LocalTwilioServer.Message> got = sms.messagesTo(to);
                assertTrue(got.get(got.size() - 1).body().startsWith("ALERTE ANNULEE Djenné"), got.toString());
            }
            assertTrue(cap(p, id, "Cancel").contains("The warning was cancelled."));
            refused(send(p, moussa, "PATCH", "/api/v1/alerts/" + id, "{\"severity\": \"Severe\"}"), 409, "state: cancelled");

            List<String> steps = AuditTrail.of(p, "warning/" + id).stream().map(e -> e.action() + " by " + e.actor()).toList();
            assertEquals(List.of("draft by aminata", "approve-refused by aminata", "approve by moussa", "update by moussa",
                    "update by moussa", "cancel by aminata"), steps);
        }
    }

    private String cap(Instance p, String id, String msgType) throws Exception {
        String[] xml = new String[1];
        Poll.until(Duration.ofSeconds(30), "CAP " + msgType, () -> {
            xml[0] = send(p, null, "GET", "/cap/alerts/" + id + ".xml", null).body();
            return xml[0].contains("<msgType>" + msgType + "</msgType>");
        });
        SafeXml.validate(SafeXml.schema(getClass().getResource("/cap/CAP-v1.2.xsd")), xml[0]);
        return xml[0];
    }

    private static void refused(HttpResponse<String> res, int status, String detailStart) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        JsonNode body = Json.MAPPER.readTree(res.body());
        assertTrue(body.hasNonNull("error"), res.body());
        assertTrue(StreamSupport.stream(body.get("details").spliterator(), false).anyMatch(d -> d.asText().startsWith(detailStart)),
                detailStart + " in " + res.body());
    }

    private void recipient(Instance p, String token, String id, String name, String phone, String zone) throws Exception {
        HttpResponse<String> res = send(p, token, "PUT", "/api/v1/recipients/" + id, """
                {"name": "%s", "role": "peace-committee", "phone": "%s", "language": "fr", "zones": ["%s"],
                 "hazards": ["conflict"], "minSeverity": "Moderate"}""".formatted(name, phone, zone));
        assertTrue(res.statusCode() == 201 || res.statusCode() == 200, res.body());
    }

    private HttpResponse<String> send(Instance p, String token, String method, String path, String body) {
        return EmbeddedApi.send(p, method, path, token, body);
    }
}
