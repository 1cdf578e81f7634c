package org.bourtol.ingest.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.place.ZonesFixture;
import org.bourtol.ingest.publish.SeenIds;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.testkit.SharedKafka;

/** What the MQTT ingest ITs and bench build alike: an instance on a broker, its data, gauge readings and what reached Kafka. */
final class MqttIngestFixture {

    private MqttIngestFixture() {
    }

    static SeenIds seen(Path dir) {
        return new SeenIds(dir, "mqtt-published.log", 10_000, Duration.ofDays(7), Instant.now());
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("bourtol-ingest-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A gauge reading's payload with this level (always the same time: the level tells readings apart). */
    static byte[] gauge(int level) {
        return ("{\"levelCm\":" + level + ",\"observedAt\":\"2026-11-24T07:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An ingest instance as the component builds it, on {@code mqtt}, sending to {@code sink}, its ids in {@code published}. */
    static MqttIngest ingest(Vertx vertx, BourtolConfig.Mqtt mqtt, Publisher sink, SeenIds published) {
        MqttMessageParser parser = new MqttMessageParser(mqtt.prefix(), mqtt.maxPayloadBytes(), new ObservationReader(ZonesFixture::gazetteer),
                MqttMessageParserTest.PSEUDONYMS, id -> false, id -> true);
        return new MqttIngest(vertx, mqtt, parser, sink, published, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    static BourtolConfig.Mqtt config(String url, String clientId) {
        return config(url, clientId, null);
    }

    /** MQTT configuration for {@code url} with this client id, in shared-subscription {@code group} (null: none). */
    static BourtolConfig.Mqtt config(String url, String clientId, String group) {
        Map<String, String> env = new HashMap<>(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:1", "BOURTOL_MQTT_URL", url,
                "BOURTOL_MQTT_CLIENT_ID", clientId));
        if (group != null) {
            env.put("BOURTOL_MQTT_SHARED_GROUP", group);
        }
        return ConfigLoader.load("", env).mqtt();
    }

    /** Stops the instance and waits for it (acks sent, session disconnected). */
    static void stop(MqttIngest ingest) throws Exception {
        ingest.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static List<GaugeReading> readings(String station) {
        KafkaClients clients = SharedKafka.clients();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clients.consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(Topics.OBSERVATIONS.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<GaugeReading> out = new java.util.ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize("t", r.value());
                    if (o instanceof GaugeReading g && g.stationId().equals(station)) {
                        out.add(g);
                    }
                }
            }
            return out;
        }
    }
}
