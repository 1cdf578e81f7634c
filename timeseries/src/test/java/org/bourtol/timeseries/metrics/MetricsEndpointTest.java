package org.bourtol.timeseries.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.platform.Metrics;
import org.bourtol.testkit.PrometheusText;
import org.bourtol.timeseries.sink.SinkMeters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GET /metrics (the platform's Micrometer Prometheus endpoint) parses strictly, and the sink's meters move. */
class MetricsEndpointTest {

    private Vertx vertx;
    private HttpServer server;
    private Metrics metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        metrics = new Metrics();
        Router router = Router.router(vertx);
        metrics.mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        return PrometheusText.parse(r.body());
    }

    @Test
    @DisplayName("/metrics is valid Prometheus text and bourtol_influx_points_total and bourtol_influx_lag_records move")
    void countersMove() throws Exception {
        SinkMeters meters = new SinkMeters(metrics.registry());
        meters.pointsAccepted(Map.of("gauge_level", 2));
        PrometheusText before = scrape();
        assertFalse(before.samples().isEmpty());
        assertEquals(2.0, before.value("bourtol_influx_points_total", Map.of("measurement", "gauge_level")).orElseThrow());
        assertEquals(0.0, before.value("bourtol_influx_lag_records", Map.of()).orElseThrow());

        meters.pointsAccepted(Map.of("gauge_level", 3, "alert", 1));
        meters.lag(42);
        meters.writeFailed();
        PrometheusText after = scrape();
        assertEquals(5.0, after.value("bourtol_influx_points_total", Map.of("measurement", "gauge_level")).orElseThrow());
        assertEquals(1.0, after.value("bourtol_influx_points_total", Map.of("measurement", "alert")).orElseThrow());
        assertEquals(42.0, after.value("bourtol_influx_lag_records", Map.of()).orElseThrow());
        assertEquals(1.0, after.value("bourtol_influx_write_errors_total", Map.of()).orElseThrow());
        // the heap's pools together: one of them (Eden right after a collection) may hold nothing
        assertTrue(after.samples().stream().filter(x -> x.name().equals("jvm_memory_used_bytes") && "heap".equals(x.labels().get("area")))
                .mapToDouble(PrometheusText.Sample::value).sum() > 0);
    }

    @Test
    @DisplayName("the parser is strict: malformed lines, untyped samples and bad values are rejected")
    void parserIsStrict() {
        PrometheusText ok = PrometheusText.parse("# HELP x_total things\n# TYPE x_total counter\nx_total{a=\"1\",b=\"q\\\"z\"} 3.0\n");
        assertEquals(3.0, ok.value("x_total", Map.of("b", "q\"z")).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("y 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE y gauge\ny{a=1} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE y gauge\ny one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE y gauge\n# TYPE y gauge\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE y wat\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE y gauge\ny{a=\"1\" b=\"2\"} 1\n"));
    }
}
