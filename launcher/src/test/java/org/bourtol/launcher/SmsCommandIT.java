package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bourtol sms} against an embedded Bourtol: the real signature check passes and the reply is printed. */
class SmsCommandIT {

    private static final String TOKEN = "sms-command-it-token-0123456789";

    @Test
    void aSignedSmsGetsItsReceiptAndAWrongTokenIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("sms-command-it");
        try (Instance p = EmbeddedInstances.start(dir, "TWILIO_AUTH_TOKEN", TOKEN)) {
            String base = "http://127.0.0.1:" + p.httpPort();

            Run ok = run(config(dir, TOKEN), "--http", base, "--from", "+22376000001", "troupeau 250 boeufs konna vers djenne");
            assertEquals(0, ok.code, ok.out + ok.err);
            assertTrue(ok.out.contains("HTTP 200"), ok.out);
            assertTrue(ok.out.contains("Recu "), "the French receipt is printed: " + ok.out);
            assertFalse(ok.out.contains("+22376000001"), "the sender's number is masked: " + ok.out);

            Run refused = run(config(dir, "not-the-token"), "--http", base, "--from", "+22376000001", "AIDE");
            assertEquals(1, refused.code);
            assertTrue(refused.out.contains("HTTP 403"), refused.out);
        }
    }

    @Test
    void aNumberThatIsNotE164IsRefusedBeforeSending() throws Exception {
        Run r = run(config(Files.createTempDirectory("sms-command-it"), TOKEN), "--http", "http://127.0.0.1:1", "--from", "76000001", "AIDE");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("E.164"), r.err);
    }

    private static Path config(Path dir, String token) throws Exception {
        Path f = dir.resolve("sms-" + token.length() + "-" + System.nanoTime() + ".yaml");
        Files.writeString(f, "twilio:\n  authToken: " + token + "\n");
        return f;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path config, String... args) {
        CommandLine cl = Bourtol.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 3];
        all[0] = "sms";
        all[1] = "--config";
        all[2] = config.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }
}
