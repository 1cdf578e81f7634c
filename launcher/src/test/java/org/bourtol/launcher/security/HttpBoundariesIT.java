package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.bourtol.launcher.testing.EmbeddedApi.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.rules.zones.ZoneLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP boundary of {@code run --embedded}, from outside: a caller without a token is refused
 * (401) before a large body is read, not after buffering it; zone uploads are bounded (400 naming the
 * bound; 413 over the body limit); {@code /health} gives anonymous callers the states only, signed-in
 * callers also the details that name internal addresses.
 */
@Timeout(300)
class HttpBoundariesIT {

    private static final String ADMIN = "http-it-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void anonymousCallersAreRefusedBeforeTheirBodyZoneUploadsAreBoundedAndHealthHidesInternals() throws Exception {
        try (Instance p = EmbeddedInstances.start(dataDir, "BOURTOL_ADMIN_TOKEN", ADMIN)) {
            String officer = token(p, ADMIN, "agent-http", "officer");

            String nineMb = "{\"type\":\"FeatureCollection\",\"features\":[],\"pad\":\"" + "x".repeat(9 << 20) + "\"}";
            for (String path : new String[] {"/api/v1/zones", "/api/v1/observations", "/api/v1/alerts", "/api/v1/recipients/x"}) {
                HttpResponse<String> anonymous = send(p, path.endsWith("/x") ? "PUT" : "POST", path, null, nineMb);
                assertEquals(401, anonymous.statusCode(), "refused before the body is buffered: " + path + " " + anonymous.body());
            }
            HttpResponse<String> tooBig = send(p, "POST", "/api/v1/zones", officer, nineMb);
            assertEquals(413, tooBig.statusCode(), tooBig.body());

            StringBuilder ring = new StringBuilder();
            for (int i = 0; i <= ZoneLimits.MAX_VERTICES_PER_ZONE; i++) {
                ring.append(i == 0 ? "" : ",").append("[").append(-4 + i * 1e-6).append(",14.5]");
            }
            String huge = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"huge\",\"properties\":"
                    + "{\"kind\":\"commune\",\"name\":\"Huge\",\"parent\":\"region-mopti\"},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[" + ring + "]]}}]}";
            HttpResponse<String> vertices = send(p, "POST", "/api/v1/zones", officer, huge);
            assertEquals(400, vertices.statusCode(), vertices.body());
            assertTrue(vertices.body().contains("more than " + ZoneLimits.MAX_VERTICES_PER_ZONE + " vertices"), vertices.body());
            StringBuilder many = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
            for (int i = 0; i <= ZoneLimits.MAX_FEATURES; i++) {
                many.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"id\":\"z").append(i).append("\",\"properties\":{},"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-4,14.5]}}");
            }
            HttpResponse<String> features = send(p, "POST", "/api/v1/zones", officer, many.append("]}").toString());
            assertEquals(400, features.statusCode());
            assertTrue(features.body().contains("at most " + ZoneLimits.MAX_FEATURES + " features per import"), features.body());
            assertEquals(404, send(p, "GET", "/api/v1/zones/huge", officer, null).statusCode(), "nothing was stored");

            HttpResponse<String> anonymousHealth = send(p, "GET", "/health", null, null);
            assertEquals(200, anonymousHealth.statusCode(), anonymousHealth.body());
            assertFalse(anonymousHealth.body().contains("detail") || anonymousHealth.body().contains("127.0.0.1")
                    || anonymousHealth.body().contains("localhost"), anonymousHealth.body());
            JsonNode signedIn = Json.MAPPER.readTree(send(p, "GET", "/health", officer, null).body());
            assertTrue(signedIn.at("/components/twilio/detail").asText().contains("local Twilio-compatible server at http://127.0.0.1:"), signedIn.toString());
        }
    }
}
