package org.bourtol.launcher.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.bourtol.testkit.ExternalBinary;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by chromedriver (both paths set: Selenium Manager cannot download
 * anything here), with a fresh profile, its console log kept, and screenshots under target/console-screenshots.
 */
public final class Browser implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final Path profile;
    private final List<LogEntry> log = new ArrayList<>();

    public Browser() throws IOException {
        Path chromium = ExternalBinary.require("chromium", "chromium");
        Path chromedriver = ExternalBinary.require("chromedriver", "chromium-driver");
        profile = Files.createTempDirectory("bourtol-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,900", "--lang=fr-FR", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class); // views re-render every few seconds
        Files.createDirectories(SHOTS);
    }

    /** Signs in to the console at {@code base} with an API token and waits for the signed-in page. */
    public void signIn(String base, String token) {
        driver.get(base + "/");
        await(By.cssSelector("input[type=password][name=token]")).sendKeys(token);
        driver.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        await(By.id("signout"));
    }

    /** Signs out, signs in again with {@code token} and opens the view at {@code hash} ({@code #/warnings}). */
    public void signInAgain(String base, String token, String hash) {
        driver.findElement(By.id("signout")).click();
        signIn(base, token);
        driver.get(base + "/" + hash);
    }

    public WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public void shot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    /** Replaces the text of an input: clears it, then types {@code text}. */
    public void retype(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Takes out of the console log the errors a test caused on purpose (the browser logs every refused
     * request, e.g. a 400 the page then shows), so that the others still fail the test.
     *
     * @throws IllegalStateException when no such error was logged
     */
    public void expectedErrors(String fragment) {
        consoleLog();
        if (!log.removeIf(e -> e.getLevel().intValue() >= Level.SEVERE.intValue() && e.getMessage().contains(fragment))) {
            throw new IllegalStateException("no console error containing '" + fragment + "' in " + log);
        }
    }

    /** Every console message so far (kept across calls: the driver hands each entry out once). */
    public List<LogEntry> consoleLog() {
        log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(log);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
