package org.bourtol.notifier.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.testkit.ExternalBinary;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stoplight Prism mocking Twilio's own OpenAPI description (2010-04-01) accepts every request the
 * notifier's Twilio gateway makes: Messages create with a From number, with a Messaging Service and
 * a StatusCallback, and the Messages list used for reconciliation. Prism is installed with npm into
 * {@code ${java.io.tmpdir}/bourtol-prism} on first run. Runs where node and npm exist; required under CI=true.
 */
class PrismIT {

    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    static final String SERVICE = "MG" + "fedcba9876543210".repeat(2);
    static ExternalProcess prism;
    static String base;

    @BeforeAll
    static void startPrism() throws Exception {
        ExternalBinary.require("node", "nodejs");
        Path npm = ExternalBinary.require("npm", "npm");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bourtol-prism");
        Path bin = dir.resolve("node_modules/.bin/prism");
        Files.createDirectories(dir);
        if (!Files.isExecutable(bin)) {
            Process install = new ProcessBuilder(npm.toString(), "install", "--prefix", dir.toString(), "@stoplight/prism-cli@5.14.2",
                    "--no-audit", "--no-fund", "--loglevel=error").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            assertTrue(install.waitFor(5, TimeUnit.MINUTES), "npm install did not finish in 5 minutes");
            assertEquals(0, install.exitValue(), Files.readString(dir.resolve("npm-install.log")));
        }
        Path spec = Files.createTempFile("twilio_api_v2010", ".json");
        try (InputStream in = PrismIT.class.getResourceAsStream("/twilio/twilio_api_v2010.json")) {
            Files.copy(in, spec, StandardCopyOption.REPLACE_EXISTING);
        }
        int port = ExternalProcess.freePort();
        prism = ExternalProcess.command("prism", List.of(bin.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port),
                spec.toString()), Files.createTempDirectory("prism"));
        prism.start(port, Duration.ofSeconds(60));
        Poll.until(Duration.ofSeconds(60), "Prism listening", () -> log().contains("Prism is listening"));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopPrism() throws Exception {
        String text = log();
        assertTrue(!text.contains("Violation: request"), "Prism found a request the notifier made invalid:\n" + text);
        if (prism != null) {
            prism.close();
        }
    }

    @Test
    void acceptsAMessageFromANumberWithStatusCallback() {
        TwilioGateway g = TwilioGateway.fromConfig(new BourtolConfig.Twilio(SID, "token", "+15005550006", null, base),
                "https://bourtol.example.org");
        SendResult r = g.send("+22790000001", "Crue Niamey: Niger a Niamey: 640 cm. Repondez OK K7Q");
        assertTrue(assertInstanceOf(SendResult.Accepted.class, r, () -> r + "\n" + log()).sid().startsWith("SM"));
    }

    @Test
    void acceptsAMessageThroughAMessagingService() {
        TwilioGateway g = TwilioGateway.fromConfig(new BourtolConfig.Twilio(SID, "token", null, SERVICE, base), null);
        SendResult r = g.send("+22376000001", "Risque de tension Konna. Repondez OK A1B");
        assertInstanceOf(SendResult.Accepted.class, r, () -> r + "\n" + log());
    }

    @Test
    void acceptsTheReconciliationListQuery() {
        TwilioGateway g = TwilioGateway.fromConfig(new BourtolConfig.Twilio(SID, "token", "+15005550006", null, base), null);
        List<SmsGateway.SentMessage> list = g.sentTo("+22790000001", Instant.parse("2026-09-10T10:00:00Z"));
        assertTrue(list.stream().allMatch(m -> m.sid().matches("(SM|MM)[0-9a-f]{32}")), list.toString());
        assertTrue(log().contains("The request passed the validation rules"), log());
    }

    @Test
    void prismIsStrictAMalformedAccountIsRefused() {
        TwilioGateway g = TwilioGateway.fromConfig(new BourtolConfig.Twilio("ACxxx", "token", "+15005550006", null, base), null);
        SendResult r = g.send("+22790000001", "x");
        assertEquals(422, assertInstanceOf(SendResult.Rejected.class, r).httpStatus());
    }

    /** Prism's output so far. */
    static String log() {
        return prism == null ? "" : prism.logText();
    }
}
