package org.bourtol.launcher.security;

import static org.bourtol.launcher.testing.EmbeddedApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.notifier.mqtt.AlertTopics;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.LogCapture;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.TopicReader;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Everything a running instance wrote or shows — every Kafka topic (internal changelogs included),
 * every captured log line, InfluxDB, {@code /metrics}, {@code /health}, the CAP feed and every alert in
 * it, the retained MQTT alert topics — searched for phone numbers (with their country code, in any
 * writing), tokens and the pseudonym key.
 */
final class SecretsGrep {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The recipient and reporter directories: the one place a phone number is kept (for sending, for verifying). */
    private static final Set<String> DIRECTORIES = Set.of("topic " + Topics.RECIPIENTS.name(), "topic " + Topics.REPORTERS.name());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Instance p;
    private final Influxd influx;
    private final LogCapture logs;

    SecretsGrep(Instance p, Influxd influx, LogCapture logs) {
        this.p = p;
        this.influx = influx;
        this.logs = logs;
    }

    void assertNoLeak(Collection<String> phones, Collection<String> tokens, String pseudonymKey) throws Exception {
        String signedIn = AbuseIT.ADMIN;
        Poll.until(WAIT, "an alert raised by the SMS (so that CAP and MQTT have something to show)",
                () -> send(p, "GET", "/api/v1/alerts?state=active", signedIn, null).body().contains("\"id\""));
        Map<String, String> places = new TreeMap<>();
        places.put("mqtt " + AlertTopics.topic(p.config().mqtt().prefix(), "#"), mqttAlerts());
        places.put("influxdb", Poll.value(WAIT, "points in InfluxDB", () -> {
            String all = influx("SELECT * FROM /.*/");
            return all.contains("\"series\"") ? all : null;
        }));
        places.put("/metrics", send(p, "GET", "/metrics", null, null).body());
        places.put("/health", send(p, "GET", "/health", null, null).body() + send(p, "GET", "/health", signedIn, null).body());
        String feed = send(p, "GET", "/cap/alerts.atom", null, null).body();
        StringBuilder cap = new StringBuilder(feed);
        Matcher links = Pattern.compile("/cap/alerts/[^\"<\\s]+\\.xml").matcher(feed);
        int alerts = 0;
        while (links.find()) {
            cap.append(send(p, "GET", links.group(), null, null).body());
            alerts++;
        }
        assertTrue(alerts > 0, "the CAP feed lists the alert: " + feed);
        places.put("cap", cap.toString());
        try (Admin admin = Admin.create(p.kafka().common())) {
            for (String topic : admin.listTopics().names().get()) {
                StringBuilder b = new StringBuilder();
                TopicReader.raw(p.kafka(), topic).forEach(r -> b.append(text(r.key())).append(' ').append(text(r.value())).append('\n'));
                places.put("topic " + topic, b.toString());
            }
        }
        places.put("logs", String.join("\n", logs.lines));
        assertTrue(logs.lines.stream().anyMatch(l -> l.contains("sms ingested")), "logs were captured");

        List<String> phoneNeedles = new ArrayList<>();
        for (String phone : phones) {
            phoneNeedles.add(phone.substring(1)); // +227… and 00227… and %2B227… all contain it
        }
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(pseudonymKey);
        List<String> needles = new ArrayList<>(phoneNeedles);
        needles.addAll(secrets);
        List<String> hits = new ArrayList<>();
        long chars = 0;
        for (Map.Entry<String, String> place : places.entrySet()) {
            chars += place.getValue().length();
            // the directories are where a number may be, and the only place: their topics are searched for secrets only
            for (String needle : DIRECTORIES.contains(place.getKey()) ? secrets : needles) {
                int at = place.getValue().indexOf(needle);
                if (at >= 0) {
                    hits.add(place.getKey() + ": " + AbuseIT.abbreviate(place.getValue().substring(Math.max(0, at - 80),
                            Math.min(place.getValue().length(), at + needle.length() + 40))).replace(needle, "<" + needle.length() + " chars>"));
                }
            }
        }
        System.out.printf("secrets grep: %d places (%d topics), %,d characters, %d needles, %d hits%n", places.size(),
                places.keySet().stream().filter(k -> k.startsWith("topic ")).count(), chars, needles.size(), hits.size());
        assertEquals(List.of(), hits, "phone numbers, tokens or the pseudonym key found");
    }

    private String mqttAlerts() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient sub = new MqttClient(MqttOptions.pahoUrl(p.mqttUrl()), "abuse-it-grep", new MemoryPersistence());
        sub.connect(MqttOptions.base(p.gatewayMqtt()));
        try {
            sub.subscribe(AlertTopics.topic(p.config().mqtt().prefix(), "#"), 1,
                    (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
            Poll.until(WAIT, "a retained alert on MQTT", () -> !seen.isEmpty());
        } finally {
            sub.disconnect();
            sub.close();
        }
        return String.join("\n", seen);
    }

    private String influx(String query) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=bourtol&q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET().build();
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("InfluxDB query failed", e);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
