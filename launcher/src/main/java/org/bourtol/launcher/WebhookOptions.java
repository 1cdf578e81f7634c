package org.bourtol.launcher;

import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.notifier.NotifierComponent;
import picocli.CommandLine.Option;

/**
 * Where the commands that post signed SMS webhooks to a running Bourtol ({@code sms}, {@code simulate}, {@code demo}) send
 * them and what the signature covers: the {@code --http URL} option (a picocli mixin), the public URL Twilio signs and the
 * AccountSid the forms carry.
 */
final class WebhookOptions {

    @Option(names = "--http", description = "Bourtol's HTTP base URL (default: http://<http.host>:<http.port>)")
    String http;

    /** {@code --http}, else {@code http://<http.host>:<http.port>} of the configuration. */
    String base(BourtolConfig cfg) {
        return http != null ? http : "http://" + cfg.http().host() + ":" + cfg.http().port();
    }

    /** The URL the signatures are computed over: the configured public URL, else {@code base}. */
    static String publicUrl(BourtolConfig cfg, String base) {
        return cfg.http().publicUrl() != null ? cfg.http().publicUrl() : base;
    }

    /** The AccountSid the forms carry: the configured one, else the local Twilio-compatible server's. */
    static String account(BourtolConfig cfg) {
        return cfg.twilio().accountSid() != null ? cfg.twilio().accountSid() : NotifierComponent.SINK_ACCOUNT;
    }
}
