package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.platform.Platform;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The warnings view in headless Chromium against a real embedded Bourtol: an officer drafts an
 * Extreme conflict warning for Konna (a draft without a commune is refused with the field named), the
 * same officer's approval is refused with the two-person rule's message, a colleague approves it (the
 * alert is active), then cancels it (the alert is resolved as cancelled). Screenshots go to
 * target/console-screenshots; the browser's console must stay free of errors.
 */
@Timeout(300)
class WarningsConsoleIT {

    private static final String ADMIN = "warnings-console-it-admin-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private String base;

    @Test
    void anOfficerDraftsAColleagueApprovesAndCancels() throws Exception {
        try (Platform p = Platform.start(Platform.Options.embedded(Map.of(
                "BOURTOL_DATA_DIR", dataDir.toString(),
                "BOURTOL_HTTP_PORT", "0",
                "BOURTOL_EMBEDDED_KAFKA_PORT", "0",
                "BOURTOL_EMBEDDED_MQTT_PORT", "0",
                "BOURTOL_ADMIN_TOKEN", ADMIN)));
             Browser b = new Browser()) {
            base = "http://127.0.0.1:" + p.httpPort();
            String aminata = token("aminata", "officer");
            String moussa = token("moussa", "officer");

            signIn(b, aminata);
            b.driver.get(base + "/#/warnings");
            WebElement form = b.await(By.cssSelector("form.warning-draft"));
            new Select(form.findElement(By.name("severity"))).selectByValue("Extreme");
            form.findElement(By.name("headlineFr")).sendKeys("Groupe arme signale sur la route de Konna");
            form.findElement(By.name("headlineEn")).sendKeys("Armed group reported on the Konna road");
            form.findElement(By.name("instructionFr")).sendKeys("Evitez la route, restez au village.");
            form.findElement(By.name("instructionEn")).sendKeys("Avoid the road, stay in the village.");
            form.findElement(By.id("draft")).click();
            b.awaitText(By.cssSelector("form.warning-draft .errorbox"), "zones:");
            new Select(form.findElement(By.name("zones"))).selectByValue("konna");
            form.findElement(By.id("draft")).click();
            b.awaitText(By.id("toast"), "Brouillon enregistré");
            WebElement card = b.wait.until(d -> d.findElements(By.cssSelector("article[data-state=draft]")).stream().findFirst().orElse(null));
            String id = card.getAttribute("data-warning");
            assertTrue(card.getText().contains("Konna") && card.getText().contains("rédigé par aminata"), card.getText());
            b.shot("10-warning-draft");

            card.findElement(By.cssSelector("button.approve")).click();
            b.awaitText(By.id("toast"), "two-person rule");
            b.shot("11-warning-own-approval-refused");

            b.driver.findElement(By.id("signout")).click();
            signIn(b, moussa);
            b.driver.get(base + "/#/warnings");
            b.await(By.cssSelector("article[data-warning='" + id + "'] button.approve")).click();
            b.awaitText(By.id("toast"), "Avertissement envoyé");
            b.awaitText(By.cssSelector("article[data-warning='" + id + "']"), "approuvé par moussa");
            Poll.until(Duration.ofSeconds(60), "the alert raised from the warning",
                    () -> "active".equals(get("/api/v1/alerts/" + id, moussa).path("state").asText()));
            b.shot("12-warning-sent");

            b.driver.findElement(By.cssSelector("article[data-warning='" + id + "'] button.cancel")).click();
            b.awaitText(By.id("toast"), "Avertissement annulé");
            b.awaitText(By.cssSelector("article[data-warning='" + id + "']"), "annulé par moussa");
            Poll.until(Duration.ofSeconds(60), "the alert resolved as cancelled",
                    () -> get("/api/v1/alerts/" + id, moussa).at("/issued/cancelled").asBoolean());
            b.shot("13-warning-cancelled");
            List<LogEntry> errors = b.consoleLog().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filter(e -> !e.getMessage().matches("(?s).*status of 40[03].*")).toList();
            assertTrue(errors.isEmpty(), "browser console errors: " + errors);
        }
    }

    private void signIn(Browser b, String token) {
        b.driver.get(base + "/");
        b.await(By.cssSelector("input[type=password][name=token]")).sendKeys(token);
        b.driver.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        b.await(By.id("signout"));
    }

    private String token(String name, String role) throws Exception {
        HttpResponse<String> res = send("POST", "/api/v1/tokens", ADMIN, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, res.statusCode(), res.body());
        return Json.MAPPER.readTree(res.body()).get("token").asText();
    }

    private JsonNode get(String path, String token) {
        try {
            HttpResponse<String> res = send("GET", path, token, null);
            return res.statusCode() == 200 ? Json.MAPPER.readTree(res.body()) : Json.MAPPER.createObjectNode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
