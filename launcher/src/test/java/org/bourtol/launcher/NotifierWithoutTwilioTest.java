package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Outside demo and {@code run --embedded}, a notifier without Twilio credentials refuses to start: exit 2, naming the keys. */
class NotifierWithoutTwilioTest {

    @TempDir
    Path dir;

    @Test
    void theNotifierRefusesToStartWithoutTwilio() throws Exception {
        Path config = dir.resolve("bourtol.yaml");
        Files.writeString(config, "kafka:\n  bootstrap: 127.0.0.1:1\nsecurity:\n  pseudonymKey: test-key-0123456789abcdef\n"
                + "http:\n  port: 0\ndataDir: " + dir + "\n");
        CommandLine cl = Bourtol.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("notifier", "--config", config.toString());
        assertEquals(Bourtol.EXIT_CONFIG, code, err.toString());
        for (String key : new String[] {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM", "TWILIO_MESSAGING_SERVICE_SID"}) {
            assertTrue(err.toString().contains(key), key + " in: " + err);
        }
    }
}
