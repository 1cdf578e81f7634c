package org.bourtol.launcher.instance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigException;

/**
 * Checks before anything starts, reported together as one {@link ConfigException}: the ports to
 * bind are free (a second instance fails with one clear message instead of a broker stack trace),
 * and outside embedded mode the settings embedded mode would make up are present.
 */
final class Preflight {

    private Preflight() {
    }

    static void check(BourtolConfig base, boolean embedded, Set<Instance.Part> parts) {
        List<String> problems = new ArrayList<>();
        checkFree(base.http().host(), base.http().port(), "http.port", "BOURTOL_HTTP_PORT", problems);
        if (embedded) {
            checkFree("127.0.0.1", base.kafka().embeddedPort(), "kafka.embeddedPort", "BOURTOL_EMBEDDED_KAFKA_PORT", problems);
            checkFree("127.0.0.1", base.mqtt().embeddedPort(), "mqtt.embeddedPort", "BOURTOL_EMBEDDED_MQTT_PORT", problems);
        } else {
            if (base.kafka().bootstrap() == null) {
                problems.add("kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is required unless Bourtol runs --embedded");
            }
            if (parts.contains(Instance.Part.NOTIFIER) && !base.twilio().configured()) {
                problems.add(org.bourtol.notifier.NotifierComponent.TWILIO_REQUIRED);
            }
            if (base.security().pseudonymKey() == null && (parts.contains(Instance.Part.INGEST) || parts.contains(Instance.Part.NOTIFIER))) {
                problems.add("security.pseudonymKey (BOURTOL_PSEUDONYM_KEY) is required unless Bourtol runs --embedded:"
                        + " every instance must use the same key, or reporter pseudonyms differ");
            }
            String url = base.http().publicUrl();
            if ((parts.contains(Instance.Part.INGEST) || parts.contains(Instance.Part.NOTIFIER))
                    && (url == null || !url.toLowerCase(java.util.Locale.ROOT).startsWith("https://"))) {
                problems.add("http.publicUrl (BOURTOL_PUBLIC_URL) must be the https:// address Twilio calls unless Bourtol runs"
                        + " --embedded (webhook signatures and status callbacks use it); " + (url == null ? "it is not set" : "it is " + url));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static void checkFree(String host, int port, String key, String env, List<String> problems) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            problems.add(key + " (" + env + "): " + host + ":" + port + " is already in use (another Bourtol running?);"
                    + " choose another port, or 0 for a free one");
        }
    }
}
