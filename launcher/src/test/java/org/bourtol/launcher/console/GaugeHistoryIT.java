package org.bourtol.launcher.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.contracts.topic.Json;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.launcher.testing.EmbeddedInstances;
import org.bourtol.testkit.Influxd;
import org.bourtol.testkit.Poll;
import org.bourtol.timeseries.schema.PointMapper;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.bourtol.launcher.testing.EmbeddedApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gauge chart's readings survive a restart: readings posted to a first Bourtol (without InfluxDB) are read
 * back from the observations topic by a second one started on the same data directory; a reading 20 days old
 * that only Debian's real influxd holds (written by the time-series sink's own mapping and writer) comes from
 * InfluxDB when the window asks for it. The second Bourtol runs without the time-series sink, so what it
 * shows from the last days can only come from the topic; it reads the topic only from the first chart on, and that
 * first chart waits until it has.
 */
@Timeout(600)
class GaugeHistoryIT {

    private static final String ADMIN = "gauge-history-it-admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void theChartReadsTheTopicAfterARestartAndOlderReadingsFromInflux() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> env = EmbeddedInstances.env(dataDir);
        env.put("BOURTOL_ADMIN_TOKEN", ADMIN);
        try (Influxd influxd = Influxd.start()) {
            Instant old = now.minus(Duration.ofDays(20));
            try (InfluxWriter writer = new InfluxWriter(new BourtolConfig.Influx(influxd.url(), "bourtol", null, null, null, "INF", 100,
                    Duration.ofSeconds(1)))) {
                writer.write(List.of(PointMapper.observation(new GaugeReading("g-20-days", Source.MQTT, old, old, null, true, "niamey", 455))));
            }

            List<Instant> times = List.of(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)));
            try (Instance first = EmbeddedInstances.start(dataDir, "BOURTOL_ADMIN_TOKEN", ADMIN)) {
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < times.size(); i++) {
                    batch.add("{\"kind\":\"gauge\",\"stationId\":\"niamey\",\"levelCm\":" + (500 + i * 10) + ",\"observedAt\":\"" + times.get(i) + "\"}");
                }
                assertEquals(200, send(first, "POST", "/api/v1/observations", "[" + String.join(",", batch) + "]").statusCode());
                Poll.until(Duration.ofSeconds(90), "the three readings on the first console",
                        () -> json(send(first, "GET", "/api/v1/stations/niamey/readings", null)).size() == 3);
            }

            env.put("BOURTOL_INFLUX_URL", influxd.url());
            Instance.Options noSink = new Instance.Options(Optional.empty(), env, true,
                    EnumSet.of(Instance.Part.INGEST, Instance.Part.RULES, Instance.Part.NOTIFIER), null);
            try (Instance second = Instance.start(noSink)) {
                assertFalse(followingObservations(), "no reader of the observations topic before a chart is asked for");
                JsonNode week = json(send(second, "GET", "/api/v1/stations/niamey/readings", null));
                assertEquals(3, week.size(), "the first chart waits for the last 7 days of the topic to be read: " + week);
                assertTrue(followingObservations());
                for (int i = 0; i < 3; i++) {
                    assertEquals(times.get(i), Instant.parse(week.get(i).path("at").asText()), week.toString());
                    assertEquals(500 + i * 10, week.get(i).path("cm").asInt(), week.toString());
                }
                HttpResponse<String> month = send(second, "GET", "/api/v1/stations/niamey/readings?days=30", null);
                assertEquals("influx,kafka", month.headers().firstValue("X-Bourtol-Sources").orElse(""));
                JsonNode all = json(month);
                assertEquals(4, all.size(), all.toString());
                assertEquals(old, Instant.parse(all.get(0).path("at").asText()));
                assertEquals(455, all.get(0).path("cm").asInt(), "the reading only InfluxDB holds");
                assertEquals(400, send(second, "GET", "/api/v1/stations/niamey/readings?days=0", null).statusCode());
                assertTrue(json(send(second, "GET", "/api/v1/stations/nowhere/readings", null)).isEmpty());
            }
        }
    }

    /** A console in this JVM follows the observations topic (its reader's thread is named after the topic). */
    private static boolean followingObservations() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("follow-" + Topics.OBSERVATIONS.name()));
    }

    private static HttpResponse<String> send(Instance p, String method, String path, String body) {
        return EmbeddedApi.send(p, method, path, ADMIN, body);
    }

    private static JsonNode json(HttpResponse<String> res) {
        assertEquals(200, res.statusCode(), res.body());
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(res.body(), e);
        }
    }
}
