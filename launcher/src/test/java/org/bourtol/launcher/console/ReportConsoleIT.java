package org.bourtol.launcher.console;

import static org.bourtol.launcher.testing.EmbeddedApi.call;
import static org.bourtol.launcher.testing.EmbeddedApi.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedSecrets;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Actions, outcomes and the monthly report in the console (headless Chromium against an embedded
 * Bourtol): a clash reported by SMS raises an alert, its recipient (texted the alert) answers {@code FAIT}, an officer records
 * the outcome (confirmed, injuries) on the alert's page, follows the link to the month's report and finds
 * the alert, the action and the outcome in the table and both charts drawn; the printable page
 * ({@code format=html}, English) draws its charts under the console's CSP. No browser console error.
 * Screenshots: target/console-screenshots/12-*.png.
 */
class ReportConsoleIT {

    private static final EmbeddedSecrets SECRETS = EmbeddedSecrets.of("report-console");

    @Test
    void anOfficerRecordsAnOutcomeAndReadsTheMonthlyReport() throws Exception {
        Path dir = Files.createTempDirectory("report-console-it");
        try (Instance p = SECRETS.start(dir)) {
            String base = "http://127.0.0.1:" + p.httpPort();
            String officer = token(base, SECRETS.admin(), "agent-kone", "officer");
            // the peace committee of Konna receives the alert: only a recipient the alert was sent to counts by SMS
            call(base, "PUT", "/api/v1/recipients/pc-konna", officer, """
                    {"name": "Comite de paix de Konna", "role": "peace-committee", "phone": "+22376000001", "language": "fr",
                     "zones": ["konna"], "hazards": ["conflict"], "minSeverity": "Minor"}""", 201);
            Poll.until(Duration.ofSeconds(30), "the notifier knows the recipient", () -> {
                try {
                    return call(base, "GET", "/api/v1/recipients/pc-konna", officer, null, 200) != null;
                } catch (AssertionError notYet) {
                    return false;
                }
            });
            SmsSender sms = new SmsSender(base, base, SECRETS.twilio(), "+22370000000", "AC" + "0".repeat(32));
            assertEquals(200, sms.send(new Emission.Sms(Instant.now(), "SMreportit1", "+22376000001", "ALERTE CONFLIT konna bagarre au marche",
                    null)).status());
            JsonNode[] alert = new JsonNode[1];
            Poll.until(Duration.ofSeconds(60), "the clash alert at Konna", () -> {
                JsonNode list = call(base, "GET", "/api/v1/alerts?state=active", officer, null, 200);
                alert[0] = list.size() > 0 ? list.get(0) : null;
                return alert[0] != null;
            });
            String id = alert[0].get("id").asText();
            String code = alert[0].get("code").asText();
            // a committee answers FAIT after the alert's SMS reached it: only then does the ledger show it as a recipient
            Poll.until(Duration.ofSeconds(120), "the alert's SMS to the Konna committee", () -> p.localTwilio().orElseThrow().messages().stream()
                    .anyMatch(m -> m.to().equals("+22376000001") && m.body().contains(code)));
            String reply = sms.send(new Emission.Sms(Instant.now(), "SMreportit2", "+22376000001", "FAIT " + code + " mediation tenue", null))
                    .reply();
            assertTrue(reply.contains("action pour l'alerte " + code), reply);
            call(base, "POST", "/api/v1/alerts/" + id + "/ack", officer, "{}", 202);
            Poll.until(Duration.ofSeconds(30), "the acknowledgement",
                    () -> call(base, "GET", "/api/v1/alerts/" + id, officer, null, 200).path("acknowledged").asBoolean());

            try (Browser b = new Browser()) {
                b.signIn(base, officer);
                b.driver.get(base + "/#/alerts/" + id);
                b.awaitText(By.cssSelector("#responses ul.responses"), "mediation tenue");
                new Select(b.await(By.cssSelector("#response-form select[name=verdict]"))).selectByValue("confirmed");
                new Select(b.driver.findElement(By.cssSelector("#response-form select[name=violence]"))).selectByValue("injuries");
                b.driver.findElement(By.cssSelector("#response-form input[name=comment]")).sendKeys("deux blesses");
                b.driver.findElement(By.cssSelector("#response-form button[type=submit]")).click();
                b.awaitText(By.cssSelector("#responses ul.responses"), "risque confirmé");
                b.awaitText(By.cssSelector("#responses ul.responses"), "blessés");
                b.shot("12-alert-responses");

                String link = b.wait.until(d -> d.findElement(By.id("report-link")).getAttribute("href"));
                assertTrue(link.endsWith("#/reports?month=" + Instant.now().toString().substring(0, 7)), link);
                b.driver.get(link); // the alert page re-renders every 5 s: follow the link's address
                b.await(By.cssSelector("#report-view table"));
                b.await(By.cssSelector("#chart-weeks .uplot canvas"));
                b.await(By.cssSelector("#chart-ack"));
                WebElement total = b.driver.findElement(By.cssSelector("#report-view tr[data-indicator=alertsRaised] td:last-child"));
                assertEquals("1", total.getText());
                assertEquals("1", cell(b, "alertsWithAction"));
                assertEquals("1", cell(b, "outcomeConfirmed"));
                assertEquals("1", cell(b, "violenceInjuries"));
                assertEquals("1", cell(b, "reportsSms"), "the clash report by SMS");
                assertEquals("1", cell(b, "alertsAcknowledged"));
                b.await(By.cssSelector("#chart-ack .uplot canvas"));
                b.shot("12-report-view");
                ConsoleIT.assertNoConsoleErrors(b);

                String month = Instant.now().toString().substring(0, 7);
                b.driver.executeCdpCommand("Network.enable", Map.of());
                b.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + officer)));
                b.driver.get(base + "/api/v1/reports/monthly?month=" + month + "&format=html&lang=en");
                b.wait.until(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
                b.await(By.cssSelector("#chart-weeks .uplot canvas"));
                b.await(By.cssSelector("#chart-ack .uplot canvas"));
                b.awaitText(By.tagName("h1"), "Monthly indicator report");
                b.shot("12-report-printable");
                ConsoleIT.assertNoConsoleErrors(b);
            }
        }
    }

    private static String cell(Browser b, String indicator) {
        return b.driver.findElement(By.cssSelector("#report-view tr[data-indicator=" + indicator + "] td:last-child")).getText();
    }
}
