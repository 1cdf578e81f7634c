package org.bourtol.launcher.testing;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.simulator.publish.SmsSender;

/**
 * The secrets an IT starts its embedded Bourtol with, and what it does with them: the startup admin token (to create
 * the users' tokens) and the Twilio auth token (to sign SMS webhooks), named after the IT so that a leak points to it.
 */
public record EmbeddedSecrets(String admin, String twilio) {

    /** {@code of("trust")}: {@code trust-it-admin-token-0123456789} and {@code trust-it-twilio-token-0123456789}. */
    public static EmbeddedSecrets of(String it) {
        return new EmbeddedSecrets(it + "-it-admin-token-0123456789", it + "-it-twilio-token-0123456789");
    }

    /** {@link EmbeddedInstances#start} with these secrets and {@code extraEnv} ({@code "KEY", "value", ...}). */
    public Instance start(Path dataDir, String... extraEnv) {
        return EmbeddedInstances.start(dataDir, Stream.concat(Stream.of("BOURTOL_ADMIN_TOKEN", admin, "TWILIO_AUTH_TOKEN", twilio),
                Stream.of(extraEnv)).toArray(String[]::new));
    }

    /** The bearer token of a new API token of {@code role} named {@code name}, created with the admin token. */
    public String token(Instance p, String name, String role) {
        return EmbeddedApi.token(p, admin, name, role);
    }

    /** An SMS from {@code from}, signed with the Twilio token and posted to the inbound webhook. */
    public SmsSender.Result sms(Instance p, String from, String text) throws Exception {
        return EmbeddedApi.sms(p, twilio, from, text);
    }
}
