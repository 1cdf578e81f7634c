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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.platform.kafka.TopicScan;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may resolve an alert by hand, from outside against {@code run --embedded}: a Severe flood alert
 * at Niamey is sent to the Niamey watcher. A viewer gets 403 from {@code POST /api/v1/alerts/{id}/resolve},
 * an officer without a reason 400. With a reason, the lifecycle resolves the alert (RESOLVED with who and
 * why in the timeline), the resolve is in the audit topic, the watcher gets the all-clear SMS and a
 * second resolve is refused (409). The same level read again raises nothing; a red reading raises a new alert.
 */
@Timeout(400)
class ManualResolveIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("resolve");
    private static final String WATCHER = "+22790000011";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void anOfficerResolvesAnAlertForAReasonAndTheWatcherGetsTheAllClear() throws Exception {
        try (Instance p = SECRETS.start(dataDir, "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S")) {
            LocalTwilioServer sink = p.localTwilio().orElseThrow();
            String officer = SECRETS.token(p, "agent-kone", "officer");
            String viewer = SECRETS.token(p, "lecteur-sow", "viewer");
            HttpResponse<String> put = send(p, "PUT", "/api/v1/recipients/niamey-watch", officer, """
                    {"name": "Niamey watch", "role": "drr-officer", "phone": "%s", "language": "fr", "zones": ["niamey"],
                     "hazards": ["flood"], "minSeverity": "Minor"}""".formatted(WATCHER));
            assertTrue(put.statusCode() == 201 || put.statusCode() == 200, put.body());

            reading(p, officer, 590);
            JsonNode alert = Poll.value(WAIT, "a Severe flood alert at Niamey",
                    () -> first(get(p, "/api/v1/alerts?state=active&hazard=flood&zone=niamey", officer)));
            String id = alert.path("id").asText();
            String code = alert.path("code").asText();
            Poll.until(WAIT, "the watcher's alert SMS", () -> !sink.messagesTo(WATCHER).isEmpty());

            String path = "/api/v1/alerts/" + id + "/resolve";
            assertEquals(403, send(p, "POST", path, viewer, "{\"reason\":\"viewer tries\"}").statusCode(), "viewers may not resolve");
            assertEquals(401, send(p, "POST", path, null, "{\"reason\":\"anonymous\"}").statusCode());
            JsonNode refused = call(p, "POST", path, officer, "{\"reason\":\"  \"}", 400);
            assertTrue(refused.toString().contains("reason"), refused.toString());
            call(p, "POST", path, officer, "{\"reason\":\"" + "x".repeat(501) + "\"}", 400);
            assertEquals(404, send(p, "POST", "/api/v1/alerts/no-such-alert/resolve", officer, "{\"reason\":\"r\"}").statusCode());
            assertEquals("active", get(p, "/api/v1/alerts/" + id, officer).path("state").asText(), "refused requests resolve nothing");

            call(p, "POST", path, officer, "{\"reason\":\"echelle mal lue, verifie sur place\"}", 202);
            JsonNode resolved = Poll.value(WAIT, "the alert resolved by the lifecycle", () -> {
                JsonNode a = get(p, "/api/v1/alerts/" + id, viewer);
                return "resolved".equals(a.path("state").asText()) ? a : null;
            });
            assertFalse(resolved.path("resolvedAt").isMissingNode(), resolved.toString());
            JsonNode timeline = get(p, "/api/v1/alerts/" + id + "/timeline", officer);
            JsonNode last = timeline.path("events").get(timeline.path("events").size() - 1);
            assertEquals("RESOLVED", last.path("type").asText(), timeline.toString());
            assertEquals("resolved by agent-kone: echelle mal lue, verifie sur place", last.path("note").asText());
            assertEquals("agent-kone", timeline.path("resolution").path("by").asText(), timeline.toString());
            assertEquals("echelle mal lue, verifie sur place", timeline.path("resolution").path("reason").asText());
            assertEquals(0, timeline.path("acks").size(), "a resolve is not an acknowledgement: " + timeline);

            List<AuditEntry> audit = Poll.value(WAIT, "the resolve in the audit topic", () -> {
                List<AuditEntry> found = TopicScan.values(p.kafka(), Topics.AUDIT).stream()
                        .filter(e -> "alert".equals(e.entity()) && id.equals(e.id()) && "resolve".equals(e.action())).toList();
                return found.isEmpty() ? null : found;
            });
            assertEquals("agent-kone", audit.get(0).actor());
            assertEquals("echelle mal lue, verifie sur place", audit.get(0).after().path("reason").asText());

            Poll.until(WAIT, "the watcher's all-clear SMS", () -> sink.messagesTo(WATCHER).stream()
                    .anyMatch(m -> m.body().startsWith("FIN D'ALERTE") && m.body().contains(code)));
            assertEquals(409, send(p, "POST", path, officer, "{\"reason\":\"again\"}").statusCode(), "already resolved");

            reading(p, officer, 595);
            reading(p, officer, 640);
            JsonNode again = Poll.value(WAIT, "a new alert once the river reaches red",
                    () -> first(get(p, "/api/v1/alerts?state=active&hazard=flood&zone=niamey", officer)));
            assertFalse(id.equals(again.path("id").asText()), "a new alert, not the resolved one");
            JsonNode raised = get(p, "/api/v1/alerts/" + again.path("id").asText() + "/timeline", officer).path("events").get(0);
            assertEquals("RAISED", raised.path("type").asText());
            assertEquals("Extreme", raised.path("severity").asText(), "the orange reading before the red one raised nothing: " + raised);
        }
    }

    private static void reading(Instance p, String token, int cm) throws Exception {
        call(p, "POST", "/api/v1/observations", token, "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":" + cm
                + ",\"observedAt\":\"" + Instant.now() + "\"}]", 200);
    }
}
