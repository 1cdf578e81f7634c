package org.bourtol.launcher;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.simulator.publish.SmsSender;
import org.bourtol.simulator.scenario.Emission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bourtol sms}: sends one SMS to a running Bourtol exactly as Twilio would (a form POST to
 * {@code /sms/inbound} signed with the configured auth token over the public URL) and prints the
 * reply the sender would receive. For trying the SMS grammar by hand and for checking a deployment.
 */
@Command(name = "sms", mixinStandardHelpOptions = true,
        description = "Send one SMS to a running Bourtol as Twilio would (signed webhook) and print the reply.")
public final class SmsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--from", required = true, description = "Sender's phone number, E.164 (e.g. +22376000001)")
    String from;

    @Option(names = "--to", defaultValue = "+22370000000", description = "The Bourtol SMS number (default: ${DEFAULT-VALUE})")
    String to;

    @Mixin
    WebhookOptions webhook;

    @Option(names = "--sid", description = "MessageSid (default: a new one; reuse one to see a replay answered but not ingested)")
    String sid;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The message, e.g. NIVEAU NIAMEY 640")
    String[] text;

    @Override
    public Integer call() throws Exception {
        BourtolConfig cfg = config.load();
        if (cfg.twilio().authToken() == null) {
            spec.commandLine().getErr().println("twilio.authToken (TWILIO_AUTH_TOKEN) is required: it must be the token the running Bourtol uses");
            return 2;
        }
        if (!Phones.isE164(from)) {
            spec.commandLine().getErr().println("--from must be an E.164 number such as +22376000001, got " + from);
            return 2;
        }
        String base = webhook.base(cfg);
        String messageSid = sid != null ? sid : "SM" + HexFormat.of().formatHex(randomBytes());
        SmsSender sender = new SmsSender(base, WebhookOptions.publicUrl(cfg, base), cfg.twilio().authToken(), to, WebhookOptions.account(cfg));
        SmsSender.Result r = sender.send(new Emission.Sms(Instant.now(), messageSid, from, String.join(" ", text), null));
        spec.commandLine().getOut().println("HTTP " + r.status() + " " + messageSid + " from " + Phones.mask(from));
        spec.commandLine().getOut().println(r.reply() == null ? "(no reply)" : r.reply());
        spec.commandLine().getOut().flush();
        return r.status() == 200 ? 0 : 1;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
