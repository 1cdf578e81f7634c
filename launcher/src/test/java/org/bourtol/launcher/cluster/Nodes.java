package org.bourtol.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Poll;

/** What the multi-process tests (ClusterIT, ChaosIT) do to a Bourtol process over its HTTP port. */
final class Nodes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Nodes() {
    }

    /** Waits until the process answers {@code /health} with 200; fails with its log when it exits. */
    static void awaitHealthy(int port, ExternalProcess jvm) {
        Poll.until(Duration.ofMinutes(5), jvm.name() + " healthy", () -> {
            if (!jvm.alive()) {
                throw new AssertionError(jvm.name() + " exited:\n" + jvm.logText());
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /**
     * The lines of a process's log since its last start that say why alerting may be stuck (warnings, errors, the
     * components' start, ownership, alerts raised, SMS sent): the last {@code max}, each cut to 240 characters, so a
     * failure message in CI carries them. The whole log stays in the process's log file.
     */
    static String excerpt(ExternalProcess jvm, int max) {
        List<String> lines = jvm.logText().lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("configuration loaded")) {
                start = i; // the last incarnation's first line of its own
            }
        }
        List<String> telling = lines.subList(start, lines.size()).stream()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("started [") || l.contains("ownership")
                        || l.contains("previous incarnation") || l.contains("alert raised") || l.contains("sending SMS")
                        || l.contains("ready ["))
                .map(l -> l.length() > 240 ? l.substring(0, 240) + "…" : l).toList();
        return "\n--- " + jvm.name() + " since its last start (" + telling.size() + " telling lines, the last " + max + "):\n"
                + String.join("\n", telling.subList(Math.max(0, telling.size() - max), telling.size()));
    }

    /** PUTs a JSON document with the admin token and expects a 2xx answer. */
    static void put(int port, String token, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + ": " + r.statusCode() + " " + r.body());
    }

    /** The flood committee recipient for these zones, as an officer registers it. */
    static void registerFloodCommittee(int port, String token, String id, String phone, String... zones) throws Exception {
        put(port, token, "/api/v1/recipients/" + id, """
                {"name": "Comite de paix (%s)", "role": "peace-committee", "phone": "%s",
                 "language": "fr", "zones": ["%s"], "hazards": ["flood"], "minSeverity": "Minor", "channels": ["sms"]}
                """.formatted(id, phone, String.join("\", \"", zones)));
    }

    /** A wall-clock pause that is the scenario itself (a failure at a random moment), not a wait for a condition. */
    static void pause(Duration d) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(d.toMillis());
    }

    static Duration randomSeconds(int from, int to) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(from * 1000L, to * 1000L));
    }
}
