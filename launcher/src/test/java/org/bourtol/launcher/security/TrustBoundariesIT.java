package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.call;
import static org.bourtol.launcher.testing.EmbeddedApi.first;
import static org.bourtol.launcher.testing.EmbeddedApi.get;
import static org.bourtol.launcher.testing.EmbeddedApi.newToken;
import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.contracts.directory.ApiToken;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust boundaries of {@code run --embedded}, from outside over HTTP and the signed SMS webhook:
 * a stranger's {@code ALERTE CONFLIT} raises a Moderate report to confirm (not Extreme) that an
 * officer confirms; what each role may read and do; token expiry; revoking the startup admin token,
 * which stays revoked after a restart.
 */
@Timeout(400)
class TrustBoundariesIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("trust");
    private static final String STRANGER = "+22376123456";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private Instance start() {
        return SECRETS.start(dataDir);
    }

    @Test
    void aStrangersClashSmsIsAReportToConfirmRolesSeeWhatTheyMayAndTheStartupTokenStaysRevoked() throws Exception {
        String officer;
        String admin2;
        try (Instance p = start()) {
            officer = token(p, "agent-diallo", "officer", null);
            String viewer = token(p, "lecteur-toure", "viewer", null);
            String ingest = token(p, "kobo-form", "ingest", "PT12H");
            admin2 = token(p, "second-admin", "admin", null);

            strangersClashIsConfirmedByAnOfficer(p, officer, viewer);
            rolesSeeWhatTheyMay(p, officer, viewer, ingest);
            expiredTokensAre401(p);

            JsonNode list = call(p, "GET", "/api/v1/tokens", admin2, null, 200);
            String startupSha = ApiAuth.sha256(SECRETS.admin());
            assertTrue(list.toString().contains("\"sha256\":\"" + startupSha + "\"") && list.toString().contains("\"startup\":true"), list.toString());
            call(p, "DELETE", "/api/v1/tokens/" + startupSha, admin2, null, 204);
            HttpResponse<String> refused = send(p, "GET", "/api/v1/rules", SECRETS.admin(), null);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("token revoked"), refused.body());
        }
        try (Instance again = start()) {
            assertEquals(401, send(again, "GET", "/api/v1/rules", SECRETS.admin(), null).statusCode(),
                    "the startup admin token stays revoked after a restart with the same BOURTOL_ADMIN_TOKEN");
            assertEquals(200, send(again, "GET", "/api/v1/tokens", admin2, null).statusCode());
            assertEquals(200, send(again, "GET", "/api/v1/reporters", officer, null).statusCode());
        }
    }

    private void strangersClashIsConfirmedByAnOfficer(Instance p, String officer, String viewer) throws Exception {
        assertEquals(200, SECRETS.sms(p, STRANGER, "ALERTE CONFLIT Konna bagarre au marche").status());
        JsonNode alert = Poll.value(WAIT, "the stranger's clash raises an alert in Konna",
                () -> first(get(p, "/api/v1/alerts?state=active&hazard=conflict&zone=konna", viewer)));
        assertEquals("Moderate", alert.path("severity").asText(), "a stranger's single clash is no Extreme alert: " + alert);
        assertEquals("unconfirmed", alert.path("level").asText());
        assertTrue(alert.path("headline").path("fr").asText().startsWith("A confirmer"), alert.toString());
        assertTrue(alert.path("evidence").size() > 0 && alert.path("evidence").findValues("reporterId").isEmpty(),
                "a viewer sees no reporter pseudonym: " + alert.path("evidence"));
        String id = alert.path("id").asText();
        JsonNode asOfficer = call(p, "GET", "/api/v1/alerts/" + id, officer, null, 200);
        String pseudonym = asOfficer.path("evidence").path(0).path("reporterId").asText();
        assertFalse(pseudonym.isEmpty(), "an officer sees the pseudonym: " + asOfficer);
        assertFalse(asOfficer.toString().contains(STRANGER.substring(1)), "never the number");

        assertEquals(403, send(p, "POST", "/api/v1/alerts/" + id + "/confirm", viewer, "{}").statusCode());
        call(p, "POST", "/api/v1/alerts/" + id + "/confirm", officer, "{}", 202);
        Poll.until(WAIT, "the officer's confirmation upgrades the alert to Extreme",
                () -> "Extreme".equals(get(p, "/api/v1/alerts/" + id, viewer).path("severity").asText()));
        assertEquals("clash", get(p, "/api/v1/alerts/" + id, viewer).path("level").asText());
        assertEquals(409, send(p, "POST", "/api/v1/alerts/" + id + "/confirm", officer, "{}").statusCode(), "confirmed once");
    }

    private void rolesSeeWhatTheyMay(Instance p, String officer, String viewer, String ingest) throws Exception {
        assertEquals(403, send(p, "GET", "/api/v1/reporters", viewer, null).statusCode(), "reporters are officer-only");
        SECRETS.sms(p, STRANGER, "bonjour ici probleme grave");
        Poll.until(WAIT, "the stranger's unclear SMS is a message to read, with its pseudonym for officers",
                () -> get(p, "/api/v1/triage", officer).findValues("reporterId").size() > 0);
        JsonNode forViewer = get(p, "/api/v1/triage", viewer);
        assertTrue(forViewer.size() > 0 && forViewer.findValues("reporterId").isEmpty(), "a viewer sees messages without pseudonyms: " + forViewer);
        assertEquals(403, send(p, "GET", "/api/v1/reporters/anyone", viewer, null).statusCode());
        assertEquals(200, send(p, "GET", "/api/v1/reporters", officer, null).statusCode());
        String batch = "[{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":300,\"observedAt\":\"" + Instant.now() + "\"}]";
        assertEquals(200, send(p, "POST", "/api/v1/observations", ingest, batch).statusCode(), "an ingest token posts observations");
        assertEquals(403, send(p, "POST", "/api/v1/observations", viewer, batch).statusCode());
        for (String path : new String[] {"/api/v1/alerts", "/api/v1/rules", "/api/v1/zones", "/api/v1/reporters", "/api/v1/tokens"}) {
            assertEquals(403, send(p, "GET", path, ingest, null).statusCode(), "an ingest token reads nothing: " + path);
        }
        assertEquals(400, send(p, "POST", "/api/v1/tokens", SECRETS.admin(), "{\"name\":\"x\",\"role\":\"viewer\",\"ttl\":\"forever\"}").statusCode());
        assertEquals(400, send(p, "POST", "/api/v1/tokens", SECRETS.admin(), "{\"name\":\"x\",\"role\":\"viewer\",\"ttl\":\"P400D\"}").statusCode());
    }

    private void expiredTokensAre401(Instance p) throws Exception {
        String expired = "trust-it-expired-token-0123456789";
        String hash = ApiAuth.sha256(expired);
        try (KafkaProducer<String, ApiToken> producer = new KafkaProducer<>(p.kafka().producer("trust-it"),
                Topics.TOKENS.keySerde().serializer(), Topics.TOKENS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.TOKENS.name(), hash,
                    new ApiToken(hash, "old", "officer", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60), null))).get(30, TimeUnit.SECONDS);
        }
        Poll.until(WAIT, "an expired token is refused as expired", () -> {
            HttpResponse<String> r = send(p, "GET", "/api/v1/alerts", expired, null);
            return r.statusCode() == 401 && r.body().contains("token expired");
        });
    }

    private static String token(Instance p, String name, String role, String ttl) throws Exception {
        JsonNode created = newToken(p.httpBase(), SECRETS.admin(), name, role, ttl);
        assertTrue(Instant.parse(created.path("expiresAt").asText()).isAfter(Instant.now()), "tokens carry an expiry: " + created);
        return created.get("token").asText();
    }
}
