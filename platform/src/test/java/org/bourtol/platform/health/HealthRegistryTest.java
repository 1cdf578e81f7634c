package org.bourtol.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.bourtol.platform.Metrics;
import org.bourtol.platform.health.HealthRegistry.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HealthRegistryTest {

    @Test
    void upOnlyWhenEveryCheckIsUpOrDisabled() {
        HealthRegistry h = new HealthRegistry();
        assertEquals("UP", h.snapshot().getString("status"), "no checks: up");
        h.register("kafka", () -> Status.up("1 broker"));
        h.register("influx", () -> Status.disabled("no url"));
        assertEquals("UP", h.snapshot().getString("status"));
        h.register("mqtt", () -> Status.down("unreachable"));
        JsonObject s = h.snapshot();
        assertEquals("DOWN", s.getString("status"));
        assertEquals("unreachable", s.getJsonObject("components").getJsonObject("mqtt").getString("detail"));
        h.unregister("mqtt");
        assertEquals("UP", h.snapshot().getString("status"));
    }

    @Test
    void aThrowingCheckIsDown() {
        HealthRegistry h = new HealthRegistry();
        h.register("broken", () -> {
            throw new IllegalStateException("no state");
        });
        JsonObject c = h.snapshot().getJsonObject("components").getJsonObject("broken");
        assertEquals("DOWN", c.getString("status"));
        assertEquals("check failed: no state", c.getString("detail"));
    }

    @Test
    void httpStatusFollowsHealthAndMetricsArePrometheusText() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HealthRegistry h = new HealthRegistry();
            Status[] state = {Status.up("ok")};
            h.register("x", () -> state[0]);
            Router router = Router.router(vertx);
            h.mount(router);
            Metrics metrics = new Metrics();
            metrics.registry().counter("bourtol.test.things", "kind", "a").increment();
            metrics.mount(router);
            int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get().actualPort();
            WebClient client = WebClient.create(vertx);
            assertEquals(200, client.get(port, "127.0.0.1", "/health").send().toCompletionStage().toCompletableFuture().get().statusCode());
            state[0] = Status.down("gone");
            var down = client.get(port, "127.0.0.1", "/health").send().toCompletionStage().toCompletableFuture().get();
            assertEquals(503, down.statusCode());
            assertEquals("DOWN", down.bodyAsJsonObject().getString("status"));
            var m = client.get(port, "127.0.0.1", "/metrics").send().toCompletionStage().toCompletableFuture().get();
            assertEquals(200, m.statusCode());
            String text = m.bodyAsString();
            org.junit.jupiter.api.Assertions.assertTrue(text.contains("bourtol_test_things_total{kind=\"a\"} 1.0"), text);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void anonymousCallersGetStatesWithoutTheDetailsThatNameInternalAddresses() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HealthRegistry h = new HealthRegistry();
            h.register("kafka", () -> Status.up("bootstrap 10.0.0.7:9092"));
            h.register("twilio", () -> Status.disabled("SMS go to the local sink at http://127.0.0.1:41234"));
            Router router = Router.router(vertx);
            h.mount(router, header -> "Bearer officer-token".equals(header));
            int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get().actualPort();
            WebClient client = WebClient.create(vertx);
            var anonymous = client.get(port, "127.0.0.1", "/health").send().toCompletionStage().toCompletableFuture().get();
            assertEquals(200, anonymous.statusCode());
            String body = anonymous.bodyAsString();
            org.junit.jupiter.api.Assertions.assertFalse(body.contains("10.0.0.7") || body.contains("127.0.0.1") || body.contains("detail"), body);
            assertEquals("DISABLED", anonymous.bodyAsJsonObject().getJsonObject("components").getJsonObject("twilio").getString("status"));
            var wrong = client.get(port, "127.0.0.1", "/health").putHeader("Authorization", "Bearer nobody").send()
                    .toCompletionStage().toCompletableFuture().get();
            org.junit.jupiter.api.Assertions.assertFalse(wrong.bodyAsString().contains("10.0.0.7"), wrong.bodyAsString());
            var officer = client.get(port, "127.0.0.1", "/health").putHeader("Authorization", "Bearer officer-token").send()
                    .toCompletionStage().toCompletableFuture().get();
            assertEquals("bootstrap 10.0.0.7:9092", officer.bodyAsJsonObject().getJsonObject("components").getJsonObject("kafka").getString("detail"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
