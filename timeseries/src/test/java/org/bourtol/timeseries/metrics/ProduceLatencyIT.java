package org.bourtol.timeseries.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.Metrics;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.testkit.PrometheusText;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProduceLatencyIT {

    @Test
    @DisplayName("a Publisher built with a registry shows bourtol_kafka_produce_latency_seconds on /metrics, one meter shared with ingest's timer")
    void produceLatencyOnMetrics() throws Exception {
        Metrics metrics = new Metrics();
        Instant t0 = Instant.parse("2026-09-01T06:00:00Z");
        try (Publisher publisher = new Publisher(SharedKafka.clients(), "produce-latency-it", metrics.registry())) {
            for (int i = 0; i < 3; i++) {
                GaugeReading g = new GaugeReading("pl-" + i + "-" + System.nanoTime(), Source.HTTP, t0, t0, null, true, "pl-station", 100 + i);
                publisher.publish(Topics.OBSERVATIONS, g.stationId(), g).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        // ingest registers the same name without tags: a second registration must share the meter, not fail
        Timer.builder(Publisher.LATENCY_METRIC).publishPercentileHistogram().register(metrics.registry()).record(Duration.ofMillis(2));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertEquals(4.0, text.value("bourtol_kafka_produce_latency_seconds_count", Map.of()).orElseThrow());
        assertTrue(text.value("bourtol_kafka_produce_latency_seconds_sum", Map.of()).orElseThrow() > 0);
        assertTrue(text.has("bourtol_kafka_produce_latency_seconds_bucket"));
    }
}
