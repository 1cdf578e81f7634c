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
import org.bourtol.testkit.Poll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
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
        call("PUT", "/api/v1/recipients/pc-niamey", officer, """
                {"name": "Protection civile Niamey", "role": "authority", "phone": "+22790000005", "language": "fr",
                 "zones": ["niamey"], "hazards": ["flood"], "minSeverity": "Moderate", "channels": ["sms"]}""", 201);
        assertEquals(200, sms("+22376000001", "ALERTE CONFLIT konna bagarre au marche").status());
        Poll.until(Duration.ofSeconds(60), "the clash alert at Konna",
                () -> get("/api/v1/alerts?state=active", officer).toString().contains("konna"));

        try (Browser b = new Browser()) {
            // sign in as officer; the map shows the zones and the active alert raised by the SMS
            signIn(b, officer);
            b.driver.get(base + "/#/map");
            b.await(By.cssSelector("#map path.leaflet-interactive"));
            b.await(By.cssSelector("#map [data-alert]"));
            assertTrue(b.driver.findElements(By.cssSelector("#map path.leaflet-interactive")).size() >= 10, "zones drawn");
            b.awaitText(By.cssSelector(".alert-list"), "Konna");
            b.shot("02-map");

            // the Niamey yellow level: 5000 refused with a message, 500 saved
            b.driver.get(base + "/#/rules/niamey-gauge-level");
            WebElement warning = b.await(By.cssSelector("input[name=warningCm]"));
            assertEquals("530", warning.getAttribute("value"));
            warning.clear();
            warning.sendKeys("5000");
            b.awaitText(By.id(warning.getAttribute("id") + "-error"), "2000");
            b.wait.until(d -> !d.findElement(By.id("save")).isEnabled());
            b.shot("03-rule-refused");
            warning.clear();
            warning.sendKeys("500");
            b.awaitText(By.cssSelector("form.rule"), "Règle valide");
            b.driver.findElement(By.id("save")).click();
            b.awaitText(By.id("toast"), "Règle enregistrée");
            assertEquals(500, get("/api/v1/rules/niamey-gauge-level", officer).at("/params/warningCm").asInt());
            b.awaitText(By.cssSelector(".history"), "agent-diallo");
            b.shot("03-rule-saved");

            // NIVEAU NIAMEY 510 raises an alert that appears in the list without reloading
            b.driver.get(base + "/#/alerts");
            b.await(By.cssSelector("table.alerts tbody tr"));
            b.driver.executeScript("window.bourtolNoReload = 'same page';");
            assertEquals(200, sms("+22376000002", "NIVEAU NIAMEY 510").status());
            WebElement row = b.wait.withTimeout(Duration.ofSeconds(60)).until(
                    d -> d.findElements(By.cssSelector("tr[data-alert]")).stream()
                            .filter(r -> r.getText().contains("Niamey")).findFirst().orElse(null));
            assertEquals("same page", b.driver.executeScript("return window.bourtolNoReload;"));
            b.shot("01-alerts");

            // acknowledge it; the delivery to the Niamey recipient is shown with its status
            row.findElement(By.tagName("a")).click();
            b.await(By.id("ack")).click();
            b.awaitText(By.cssSelector(".badges"), "reçue par agent-diallo");
            WebElement delivery = b.wait.withTimeout(Duration.ofSeconds(60)).until(
                    d -> d.findElements(By.cssSelector("tr[data-recipient=pc-niamey]")).stream().findFirst().orElse(null));
            assertTrue(delivery.getText().matches("(?s).*(envoyé|remis|reçu|en attente).*"), delivery.getText());
            assertTrue(delivery.getText().contains("****"), "masked number: " + delivery.getText());
            b.shot("04-alert-detail");

            // a not-understood SMS appears under messages to read and is turned into a report
            String text = "bonjour les eleveurs et les paysans se disputent pres de konna";
            assertEquals(200, sms("+22376000003", text).status());
            b.driver.get(base + "/#/triage");
            WebElement card = b.wait.withTimeout(Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("article[data-message]"))
                    .stream().filter(c -> c.getText().contains("disputent")).findFirst().orElse(null));
            String messageId = card.getAttribute("data-message");
            new Select(card.findElement(By.cssSelector("select[name=type]"))).selectByValue("TENSION");
            new Select(card.findElement(By.cssSelector("select[name=zone]"))).selectByValue("konna");
            b.shot("05-triage");
            card.findElement(By.cssSelector("form.report button")).click();
            b.awaitText(By.id("toast"), "Signalement créé");
            b.wait.until(d -> d.findElements(By.cssSelector("article[data-message='" + messageId + "']")).isEmpty());
            JsonNode decided = get("/api/v1/triage?all=true", officer);
            assertTrue(decided.toString().contains("\"action\":\"report\""), decided.toString());

            b.driver.get(base + "/#/health");
            b.awaitText(By.cssSelector("main"), "kafka");
            b.shot("09-health");
            assertNoConsoleErrors(b);

            // a viewer sees no save button, and the API answers 403 if it tries
            b.driver.findElement(By.id("signout")).click();
            signIn(b, viewer);
            b.driver.get(base + "/#/rules/niamey-gauge-level");
            b.await(By.cssSelector("input[name=warningCm]"));
            b.awaitText(By.cssSelector("form.rule"), "Lecture seule");
            assertTrue(b.driver.findElements(By.id("save")).isEmpty(), "no save button for a viewer");
            assertTrue(b.driver.findElements(By.cssSelector("button.restore")).isEmpty(), "no restore button for a viewer");
            b.shot("06-rule-viewer");
            call("PUT", "/api/v1/rules/niamey-gauge-level", viewer, get("/api/v1/rules/niamey-gauge-level", viewer).toString(), 403);
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

    static JsonNode get(String path, String token) {
        try {
            return call("GET", path, token, null, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
