package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.bourtol.testkit.Poll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * {@link ConsoleIT}'s steps as admin in the browser: a zone's protected season, a rule's season, a recipient
 * added, another edited and one deactivated, each checked through the API afterwards.
 */
final class AdminSteps {

    private AdminSteps() {
    }

    /** Farmland's protected season edited in the zone form: a bad date refused as typed, the season saved, the API's refusal shown. */
    static void zoneSeasonSavedInTheBrowser(Browser b, String base) throws Exception {
        b.driver.get(base + "/#/zones/farm-konna-rice");
        WebElement from = b.await(By.cssSelector("input[name=protectedFrom]"));
        WebElement release = b.driver.findElement(By.cssSelector("input[name=fieldRelease]"));
        b.retype(from, "13-01");
        b.awaitText(By.id(from.getAttribute("id") + "-error"), "n'est pas une date");
        b.retype(from, "06-15");
        b.retype(release, "11-20");
        b.awaitText(By.cssSelector("p.season"), "Protégée du 06-15 jusqu'à la veille du 11-20");
        b.shot("08-zone-season");
        b.driver.findElement(By.id("save-zone")).click();
        b.awaitText(By.id("toast"), "Zone enregistrée");
        Poll.until(Duration.ofSeconds(60), "the farmland's season stored", () -> {
            JsonNode p = ConsoleIT.get("/api/v1/zones/farm-konna-rice", ConsoleIT.ADMIN).path("properties");
            return "06-15".equals(p.path("protectedFrom").asText()) && "11-20".equals(p.path("fieldRelease").asText());
        });
        release.clear();
        b.driver.findElement(By.id("save-zone")).click();
        b.awaitText(By.cssSelector("form.zone .errorbox"), "fieldRelease");
        b.wait.until(d -> { // the refused PUT, logged by the browser: expected, and the only such error
            try {
                b.expectedErrors("/api/v1/zones/farm-konna-rice");
                return true;
            } catch (IllegalStateException e) {
                return false;
            }
        });
        assertEquals("11-20", ConsoleIT.get("/api/v1/zones/farm-konna-rice", ConsoleIT.ADMIN).at("/properties/fieldRelease").asText(), "refused, kept");
    }

    /** A season added to a rule in its form: a bad date refused (save disabled), a good one saved. */
    static void ruleSeasonSavedInTheBrowser(Browser b, String base) throws Exception {
        b.driver.get(base + "/#/rules/mopti-gauge-level");
        b.await(By.id("add-season")).click();
        WebElement from = b.await(By.cssSelector("input[name=season-from-0]"));
        from.sendKeys("13-01");
        b.driver.findElement(By.cssSelector("input[name=season-to-0]")).sendKeys("11-01");
        b.awaitText(By.id("seasons-error"), "13-01");
        b.wait.until(d -> !d.findElement(By.id("save")).isEnabled());
        b.retype(from, "06-01");
        b.awaitText(By.cssSelector("form.rule"), "Règle valide");
        b.shot("03-rule-season");
        b.driver.findElement(By.id("save")).click();
        b.awaitText(By.id("toast"), "Règle enregistrée");
        JsonNode seasons = ConsoleIT.get("/api/v1/rules/mopti-gauge-level", ConsoleIT.ADMIN).path("seasons");
        assertEquals("[{\"from\":\"06-01\",\"to\":\"11-01\"}]", seasons.toString());
    }

    /** A recipient added and another edited in the directory form; one deactivated: kept, shown as such, active false. */
    static void recipientsSavedAndDeactivatedInTheBrowser(Browser b, String base) throws Exception {
        b.driver.get(base + "/#/directory");
        b.awaitText(By.cssSelector("main"), "pc-niamey");
        b.driver.findElement(By.xpath("//button[normalize-space()='Ajouter un destinataire']")).click();
        WebElement form = b.await(By.id("recipient-form"));
        form.findElement(By.name("id")).sendKeys("mairie-konna");
        form.findElement(By.name("name")).sendKeys("Mairie de Konna");
        form.findElement(By.name("role")).sendKeys("authority");
        form.findElement(By.name("phone")).sendKeys("+22376000077");
        form.findElement(By.name("zones")).sendKeys("konna");
        new Select(form.findElement(By.name("minSeverity"))).selectByValue("Severe");
        b.driver.findElement(By.id("save-recipient")).click();
        b.awaitText(By.cssSelector("tr[data-recipient=mairie-konna]"), "+223****0077");
        JsonNode added = ConsoleIT.get("/api/v1/recipients/mairie-konna", ConsoleIT.ADMIN);
        assertEquals("authority|Severe|[\"konna\"]|true", added.path("role").asText() + "|" + added.path("minSeverity").asText() + "|"
                + added.path("zones") + "|" + added.path("active").asBoolean(), added.toString());

        b.driver.findElement(By.cssSelector("tr[data-recipient=pc-niamey] button.edit")).click();
        form = b.await(By.id("recipient-form"));
        new Select(form.findElement(By.name("minSeverity"))).selectByValue("Severe");
        b.driver.findElement(By.id("save-recipient")).click();
        Poll.until(Duration.ofSeconds(60), "pc-niamey edited, its number kept", () -> {
            JsonNode r = ConsoleIT.get("/api/v1/recipients/pc-niamey", ConsoleIT.ADMIN);
            return "Severe".equals(r.path("minSeverity").asText()) && "+227****0005".equals(r.path("phone").asText());
        });

        b.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("recipient-form")));
        b.wait.until(d -> { // the list is redrawn after each save: click the button of the latest drawing
            d.findElement(By.cssSelector("tr[data-recipient=mairie-konna] button.deactivate")).click();
            return true;
        });
        b.wait.until(ExpectedConditions.alertIsPresent()).accept();
        b.awaitText(By.cssSelector("tr[data-recipient=mairie-konna] td.status"), "désactivé");
        assertTrue(b.driver.findElement(By.cssSelector("tr[data-recipient=mairie-konna]")).getAttribute("class").contains("inactive"));
        assertTrue(b.driver.findElement(By.cssSelector("tr[data-recipient=mairie-konna] button.reactivate")).isDisplayed());
        assertEquals(false, ConsoleIT.get("/api/v1/recipients/mairie-konna", ConsoleIT.ADMIN).path("active").asBoolean(true), "kept, deactivated");
    }
}
