package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The rule form's "test on past data" in headless Chromium, against a platform that played the demo season
 * (called by {@code BacktestIT}): the Niamey yellow level lowered in the form (not saved), the backtest run over
 * the season, the earlier alert, the SMS per recipient and the level curve with the old and new levels shown.
 * Screenshot: target/console-screenshots/backtest-niamey.png.
 */
public final class BacktestConsole {

    private BacktestConsole() {
    }

    public static void lowerNiameyAndTest(String base, String token, String from, String to) throws Exception {
        try (Browser b = new Browser()) {
            b.signIn(base, token);

            b.driver.get(base + "/#/rules/niamey-gauge-level");
            WebElement warning = b.await(By.cssSelector("input[name=warningCm]"));
            assertEquals("530", warning.getAttribute("value"));
            warning.clear();
            warning.sendKeys("500");
            b.awaitText(By.cssSelector("form.rule"), "Règle valide");
            b.driver.executeScript("document.getElementById('backtest-from').value = arguments[0];"
                    + "document.getElementById('backtest-to').value = arguments[1];", from, to);
            b.await(By.id("backtest")).click();

            b.awaitText(By.id("backtest-result"), "plus tôt");
            b.await(By.cssSelector(".backtest-curve[data-station=niamey] canvas"));
            String result = b.driver.findElement(By.id("backtest-result")).getText();
            assertTrue(b.driver.findElements(By.cssSelector("#backtest-result tr.difference")).stream()
                    .anyMatch(tr -> tr.getText().contains("niamey-gauge-level") && tr.getText().contains("plus tôt")), result);
            assertTrue(b.driver.findElements(By.cssSelector("#backtest-result tr.sms")).stream()
                    .anyMatch(tr -> tr.getText().toLowerCase(java.util.Locale.ROOT).contains("niamey")
                            && tr.findElement(By.cssSelector("td.sent-earlier")).getText().startsWith("+")),
                    result);
            String legend = b.driver.findElement(By.cssSelector(".backtest-curve")).getText();
            assertTrue(legend.contains("530 cm (actuel)") && legend.contains("500 cm (avec le changement)"), legend);
            b.driver.executeScript("document.querySelector('.backtest-curve').scrollIntoView()");
            b.shot("backtest-niamey");
            b.driver.executeScript("document.getElementById('backtest-result').scrollIntoView()");
            b.shot("backtest-niamey-table");
            System.out.println("console backtest: " + result.lines().limit(12).toList());

            List<LogEntry> errors = b.consoleLog().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertTrue(errors.isEmpty(), "browser console errors: " + errors);
        }
    }
}
