package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.call;
import static org.bourtol.launcher.testing.EmbeddedApi.first;
import static org.bourtol.launcher.testing.EmbeddedApi.get;
import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may acknowledge by SMS, from outside against {@code run --embedded}: a Severe flood alert at
 * Niamey is sent (through the Twilio SDK to the local Twilio-compatible server) to the Niamey watcher,
 * repeated every few seconds and escalated to the region's authority while not acknowledged. A
 * stranger's signed {@code OK <code>} is recorded as an unverified acknowledgement that officers see
 * and that stops nothing: the repeats go on and the escalation goes out. The watcher's own
 * {@code OK <code>} acknowledges the alert, and the repeats stop.
 */
@Timeout(400)
class SmsAcknowledgementIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("ack");
    private static final String WATCHER = "+22790000001";
    private static final String AUTHORITY = "+22790000002";
    private static final String STRANGER = "+22790000099";
    private static final Duration REPEAT = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aStrangersOkStopsNothingWhileTheRecipientsOkStopsTheRepeats() throws Exception {
        Path policy = Files.writeString(dataDir.resolve("policy.json"), """
                {"rules": [{"hazard": "flood", "minSeverity": "Minor", "maxRepeats": 100,
                            "steps": [{"after": "PT50S", "role": "authority", "scope": "region"}]}]}""");
        try (Instance p = SECRETS.start(dataDir,
                "BOURTOL_NOTIFIER_REPEAT_INTERVAL", REPEAT.toString(), "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S",
                "BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR", "1000", "BOURTOL_NOTIFIER_ESCALATION_POLICY", policy.toString())) {
            LocalTwilioServer sink = p.localTwilio().orElseThrow();
            String officer = SECRETS.token(p, "agent-maiga", "officer");
            String viewer = SECRETS.token(p, "lecteur-issa", "viewer");
            recipient(p, officer, "niamey-watch", "drr-officer", WATCHER, "niamey", "Minor");
            recipient(p, officer, "niamey-governor", "authority", AUTHORITY, "region-niamey", "Extreme");
            assertEquals(403, send(p, "GET", "/api/v1/recipients", viewer, null).statusCode(), "recipients are officer-only");
            assertEquals(403, send(p, "GET", "/api/v1/recipients/niamey-watch", viewer, null).statusCode());
            JsonNode listed = call(p, "GET", "/api/v1/recipients", officer, null, 200);
            assertTrue(listed.toString().contains("+227****0001") && !listed.toString().contains(WATCHER.substring(1)),
                    "officers see masked numbers: " + listed);

            call(p, "POST", "/api/v1/observations", officer, "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":590,"
                    + "\"observedAt\":\"" + Instant.now() + "\"}]", 200);
            JsonNode alert = Poll.value(WAIT, "a Severe flood alert at Niamey",
                    () -> first(get(p, "/api/v1/alerts?state=active&hazard=flood&zone=niamey", officer)));
            String id = alert.path("id").asText();
            String code = alert.path("code").asText();
            Poll.until(WAIT, "the watcher's first SMS", () -> !sink.messagesTo(WATCHER).isEmpty());
            assertTrue(sink.messagesTo(WATCHER).get(0).body().contains("OK " + code), sink.messagesTo(WATCHER).toString());

            assertEquals(200, SECRETS.sms(p, STRANGER, "OK " + code).status());
            JsonNode unverified = Poll.value(WAIT, "the stranger's OK recorded as an unverified acknowledgement",
                    () -> event(get(p, "/api/v1/alerts/" + id + "/timeline", officer), "UNVERIFIED_ACK"));
            assertFalse(unverified.path("note").asText().isEmpty(), "officers see whose acknowledgement it was: " + unverified);
            assertFalse(unverified.toString().contains(STRANGER.substring(1)), "a pseudonym, never the number: " + unverified);
            assertTrue(sink.messagesTo(AUTHORITY).isEmpty(), "judged before the escalation was due");
            JsonNode forViewer = event(get(p, "/api/v1/alerts/" + id + "/timeline", viewer), "UNVERIFIED_ACK");
            assertTrue(forViewer != null && (forViewer.path("note").isMissingNode() || forViewer.path("note").isNull()),
                    "a viewer sees the event without the pseudonym: " + forViewer);
            JsonNode ackList = get(p, "/api/v1/alerts/" + id + "/timeline", officer).path("acks");
            assertTrue(ackList.size() == 1 && !ackList.get(0).path("verified").asBoolean(true), ackList.toString());

            int afterStranger = sink.messagesTo(WATCHER).size();
            Poll.until(WAIT, "the repeats go on after the stranger's OK", () -> sink.messagesTo(WATCHER).size() >= afterStranger + 2);
            Poll.until(WAIT, "the escalation to the region's authority goes out", () -> !sink.messagesTo(AUTHORITY).isEmpty());
            assertTrue(sink.messagesTo(AUTHORITY).get(0).body().contains("OK " + code), sink.messagesTo(AUTHORITY).toString());
            assertFalse(get(p, "/api/v1/alerts/" + id, officer).path("acknowledged").asBoolean(), "the stranger acknowledged nothing");

            assertEquals(200, SECRETS.sms(p, WATCHER, "ok " + code.toLowerCase()).status());
            JsonNode acked = Poll.value(WAIT, "the watcher's OK acknowledges the alert", () -> {
                JsonNode a = get(p, "/api/v1/alerts/" + id, officer);
                return a.path("acknowledged").asBoolean() ? a : null;
            });
            assertFalse(acked.path("acknowledgedBy").asText().isEmpty(), acked.toString());
            assertFalse(acked.path("acknowledgedBy").asText().equals(unverified.path("note").asText()), "the watcher, not the stranger");
            JsonNode acks = get(p, "/api/v1/alerts/" + id + "/timeline", officer).path("acks");
            assertEquals(2, acks.size(), acks.toString());
            assertTrue(StreamSupport.stream(acks.spliterator(), false).anyMatch(a -> a.path("verified").asBoolean()), acks.toString());

            int afterAck = sink.messagesTo(WATCHER).size();
            int authorityAfterAck = sink.messagesTo(AUTHORITY).size();
            Instant quiet = Instant.now().plus(REPEAT.multipliedBy(4));
            Poll.until(REPEAT.multipliedBy(8), "four repeat intervals without a repeat after the acknowledgement", () -> {
                assertTrue(sink.messagesTo(WATCHER).size() <= afterAck + 1, "repeats stop once acknowledged: " + sink.messagesTo(WATCHER));
                assertEquals(authorityAfterAck, sink.messagesTo(AUTHORITY).size());
                return Instant.now().isAfter(quiet);
            });
        }
    }

    private static JsonNode event(JsonNode timeline, String type) {
        for (JsonNode e : timeline.path("events")) {
            if (type.equals(e.path("type").asText())) {
                return e;
            }
        }
        return null;
    }

    private static void recipient(Instance p, String token, String id, String role, String phone, String zone, String min) throws Exception {
        HttpResponse<String> res = send(p, "PUT", "/api/v1/recipients/" + id, token, """
                {"name": "%s", "role": "%s", "phone": "%s", "language": "fr", "zones": ["%s"],
                 "hazards": ["flood"], "minSeverity": "%s"}""".formatted(id, role, phone, zone, min));
        assertTrue(res.statusCode() == 201 || res.statusCode() == 200, res.body());
    }
}
