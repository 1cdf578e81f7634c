package org.bourtol.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.kafka.KafkaClients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeSeriesComponentTest {

    @Test
    @DisplayName("without influx.url the sink is off: start and stop succeed, /health says influx DISABLED and stays 200")
    void disabledWithoutUrl() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            BourtolConfig config = ConfigLoader.load("", Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:9"));
            TimeSeriesComponent c = new TimeSeriesComponent(vertx, config, new KafkaClients(config.kafka()), new SimpleMeterRegistry());
            HealthRegistry health = new HealthRegistry();
            c.registerHealth(health);
            c.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            JsonObject snapshot = health.snapshot();
            assertEquals("DISABLED", snapshot.getJsonObject("components").getJsonObject("influx").getString("status"));
            assertEquals("UP", snapshot.getString("status"));
            assertNull(c.sink());
            c.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
