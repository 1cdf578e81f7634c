package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.launcher.testing.EmbeddedApi;
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
 * alert without reloading, acknowledges it, sees the delivery to the Niamey recipient, resolves the Konna
 * alert for a reason, turns a
 * not-understood SMS into a report; a viewer sees no save button and gets 403 from the API. Screenshots
 * of each view go to target/console-screenshots; the browser's console must stay free of errors.
 */
public class ConsoleIT {

    static final String ADMIN = "console-it-admin-token-0123456789";
    private static final String TWILIO = "console-it-twilio-token-0123456789";

    private static Instance platform;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("console-it");
        platform = EmbeddedInstances.start(dir, "BOURTOL_ADMIN_TOKEN", ADMIN, "TWILIO_AUTH_TOKEN", TWILIO);
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
            b.signIn(base, officer);
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
            String alertId = (String) b.wait.until(d -> b.driver.executeScript("return Array.from(document.querySelectorAll('tr[data-alert]'))"
                    + ".filter(r => r.textContent.includes('Niamey')).map(r => r.dataset.alert)[0];"));
            assertEquals("same page", b.driver.executeScript("return window.bourtolNoReload;"));
            b.shot("01-alerts");
            // heavy rain at Niamey too: a second alert on the same zone (its map label must not cover the first)
            assertEquals(200, sms("+22376000004", "PLUIE NIAMEY 80").status());

            // acknowledge it; the delivery to the Niamey recipient is shown with its status
            b.driver.findElement(By.cssSelector("tr[data-alert='" + alertId + "'] a")).click();
            b.await(By.id("ack")).click();
            b.awaitText(By.cssSelector(".badges"), "reçue par agent-diallo");
            String delivery = b.wait.until(d -> d.findElements(By.cssSelector("tr[data-recipient=pc-niamey]")).stream()
                    .map(WebElement::getText).findFirst().orElse(null));
            assertTrue(delivery.matches("(?s).*(envoyé|remis|reçu|en attente).*"), delivery);
            assertTrue(delivery.contains("+227****0005"), "masked number: " + delivery);
            b.shot("04-alert-detail");

            // the officer resolves the Konna clash alert by hand: a reason is required
            String konna = get("/api/v1/alerts?state=active&zone=konna", officer).get(0).path("id").asText();
            b.driver.get(base + "/#/alerts/" + konna);
            b.await(By.cssSelector("details.resolve summary")).click();
            WebElement reason = b.await(By.cssSelector("#resolve-form input[name=reason]"));
            reason.sendKeys("   ");
            b.driver.findElement(By.id("resolve")).click();
            b.awaitText(By.id(reason.getAttribute("id") + "-error"), "Indiquez le motif");
            assertEquals("active", get("/api/v1/alerts/" + konna, officer).path("state").asText(), "nothing sent without a reason");
            reason.clear();
            reason.sendKeys("calme revenu, confirme par le chef de village");
            b.shot("04-alert-resolve");
            b.driver.findElement(By.id("resolve")).click();
            b.awaitText(By.cssSelector("dd[data-resolution=officer]"), "levée par agent-diallo : calme revenu, confirme par le chef de village");
            b.awaitText(By.cssSelector(".badges"), "levée");
            b.awaitText(By.cssSelector("ol.timeline"), "levée par agent-diallo");
            assertTrue(b.driver.findElements(By.cssSelector("details.resolve")).isEmpty(), "no resolve form on a resolved alert");
            b.shot("04-alert-resolved");

            // a not-understood SMS appears under messages to read and is turned into a report
            String text = "bonjour les eleveurs et les paysans se disputent pres de konna";
            assertEquals(200, sms("+22376000003", text).status());
            b.driver.get(base + "/#/triage");
            WebElement card = b.wait.until(d -> d.findElements(By.cssSelector("article[data-message]"))
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
            b.signInAgain(base, viewer, "#/rules/niamey-gauge-level");
            b.await(By.cssSelector("input[name=warningCm]"));
            b.awaitText(By.cssSelector("form.rule"), "Lecture seule");
            assertTrue(b.driver.findElements(By.id("save")).isEmpty(), "no save button for a viewer");
            assertTrue(b.driver.findElements(By.cssSelector("button.restore")).isEmpty(), "no restore button for a viewer");
            b.shot("06-rule-viewer");
            call("PUT", "/api/v1/rules/niamey-gauge-level", viewer, get("/api/v1/rules/niamey-gauge-level", viewer).toString(), 403);
            assertNoConsoleErrors(b);

            // the other views, as admin: gauges chart, zones, a zone's properties, recipients; English switch
            b.signInAgain(base, ADMIN, "#/gauges/niamey");
            b.await(By.cssSelector(".uplot canvas"));
            b.awaitText(By.cssSelector("main"), "500 cm");
            b.shot("07-gauges");
            b.driver.get(base + "/#/zones");
            b.awaitText(By.cssSelector("main table"), "farm-konna-rice");
            b.shot("08-zones");
            b.driver.get(base + "/#/zones/corridor-konna-mopti");
            b.await(By.cssSelector("input[name=bufferM]"));
            b.shot("08-zone-edit");
            AdminSteps.zoneSeasonSavedInTheBrowser(b, base);
            AdminSteps.ruleSeasonSavedInTheBrowser(b, base);
            // two alerts at Niamey (level and rain): their labels on the map do not cover each other
            b.driver.get(base + "/#/map");
            b.wait.until(d -> d.findElements(By.cssSelector("#map .alert-marker")).size() >= 2);
            b.await(By.cssSelector("#map .alert-marker.moved"));
            // labels are placed again at the end of a zoom: checked once the map's zoom animation is over
            b.wait.until(d -> Boolean.TRUE.equals(b.driver.executeScript("return !document.querySelector('#map .leaflet-zoom-anim');")));
            assertEquals(Boolean.FALSE, b.driver.executeScript("const r = Array.from(document.querySelectorAll('#map .alert-marker'))"
                    + ".map(e => e.getBoundingClientRect());"
                    + "return r.some((a, i) => r.some((b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));"),
                    "alert labels overlap");
            assertEquals(Boolean.TRUE, b.driver.executeScript("const m = document.getElementById('map').getBoundingClientRect();"
                    + "return Array.from(document.querySelectorAll('#map .alert-marker')).map(e => e.getBoundingClientRect())"
                    + ".filter(r => r.top >= m.top && r.bottom <= m.bottom).every(r => r.left >= m.left && r.right <= m.right);"),
                    "a label visible on the map is not cut by its right or left edge");
            b.shot("02-map-labels");
            AdminSteps.recipientsSavedAndDeactivatedInTheBrowser(b, base);
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("+227****0005"), "masked number listed");
            assertTrue(!b.driver.getPageSource().contains("+22790000005"), "the full number is never in the page");
            b.shot("10-directory");

            b.driver.findElement(By.cssSelector(".who button[lang=en]")).click();
            b.awaitText(By.tagName("h1"), "Recipients and focal points");
            b.driver.get(base + "/#/alerts");
            b.awaitText(By.tagName("h1"), "Alerts");
            b.shot("11-alerts-english");
            assertNoConsoleErrors(b);
        }
    }

    /**
     * First load over a throttled 3G link (Chromium's network emulation: 150 ms latency, 1.6 Mbit/s down,
     * 750 kbit/s up): bytes transferred (compressed) and time until the alerts view, then until the map
     * with its basemap. Figures go to target/console-load.txt (quoted in the README).
     */
    @Test
    void theFirstLoadStaysSmallOn3G() throws Exception {
        String officer = token("agent-mesure", "officer");
        try (Browser b = new Browser()) {
            b.driver.setNetworkConditions(new org.openqa.selenium.chromium.ChromiumNetworkConditions() {
                {
                    setLatency(Duration.ofMillis(150));
                    setDownloadThroughput(1_600_000 / 8);
                    setUploadThroughput(750_000 / 8);
                }
            });
            long t0 = System.nanoTime();
            b.signIn(base, officer);
            b.await(By.cssSelector("table.alerts tbody tr"));
            long alertsMs = (System.nanoTime() - t0) / 1_000_000;
            long shellBytes = transferred(b);
            b.driver.get(base + "/#/map");
            b.await(By.cssSelector("#map path.leaflet-interactive"));
            long mapMs = (System.nanoTime() - t0) / 1_000_000;
            long allBytes = transferred(b);
            String report = String.format("3G (150 ms, 1.6 Mbit/s down): sign-in + alerts view %d KB in %.1f s; with the map, Leaflet and"
                    + " the basemap %d KB in %.1f s%n", shellBytes / 1024, alertsMs / 1000.0, allBytes / 1024, mapMs / 1000.0);
            Files.writeString(Path.of("target", "console-load.txt"), report);
            System.out.print(report);
            assertTrue(shellBytes <= 300 * 1024, report);
            assertTrue(allBytes <= 1536 * 1024, report);
            assertNoConsoleErrors(b);
        }
    }

    /** Bytes on the wire (compressed) for the page and every resource it loaded, from the Resource Timing API. */
    private static long transferred(Browser b) {
        Object n = b.driver.executeScript("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".reduce((s, e) => s + (e.transferSize || 0), 0);");
        return ((Number) n).longValue();
    }

    public static void assertNoConsoleErrors(Browser b) {
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

    static String token(String name, String role) {
        return EmbeddedApi.token(base, ADMIN, name, role);
    }

    static JsonNode call(String method, String path, String token, String body, int expected) {
        return EmbeddedApi.call(base, method, path, token, body, expected);
    }

    static SmsSender.Result sms(String from, String text) throws Exception {
        return EmbeddedApi.sms(base, TWILIO, EmbeddedApi.newSid(), from, text);
    }
}
