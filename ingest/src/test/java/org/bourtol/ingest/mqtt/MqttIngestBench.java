package org.bourtol.ingest.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bourtol.ingest.Devices;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.ingest.place.ZonesFixture;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT → Kafka throughput of one {@link MqttIngest} (not a test: run by hand). Embedded Kafka and a local
 * mosquitto; one Paho publisher sends {@code n} QoS 1 gauge readings as fast as its in-flight window
 * allows; the clock stops when ingest counted {@code n} Kafka-acknowledged messages (each is then acked
 * to the broker). Arguments: {@code [messages] [mosquitto max_inflight_messages]}.
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -pl ingest -Dmdep.outputFile=/tmp/ingest-cp.txt
 * java -cp ingest/target/test-classes:ingest/target/classes:$(cat /tmp/ingest-cp.txt) org.bourtol.ingest.mqtt.MqttIngestBench 20000 20
 * </pre>
 */
public final class MqttIngestBench {

    private MqttIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String inflight = args.length > 1 ? args[1] : "20";
        String run = RunId.next();
        SharedKafka.bootstrap();
        Vertx vertx = Vertx.vertx();
        Path data = Files.createTempDirectory("bench-ingest");
        try (Mosquitto broker = Mosquitto.start("max_inflight_messages " + inflight + "\nmax_queued_messages 1000000\n")) {
            BourtolConfig.Mqtt mqtt = MqttIngestFixture.config(broker.url(), "bench-" + run);
            Publisher sink = new Publisher(SharedKafka.clients(), "bench", new SimpleMeterRegistry(), Publisher.FAIL_FAST);
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            MqttMessageParser parser = new MqttMessageParser(mqtt.prefix(), mqtt.maxPayloadBytes(), new ObservationReader(ZonesFixture::gazetteer),
                    MqttMessageParserTest.PSEUDONYMS, id -> false, id -> true);
            MqttIngest ingest = new MqttIngest(vertx, mqtt, parser, sink, MqttIngestFixture.seen(data), Clock.systemUTC(), metrics);
            ingest.start();
            Poll.until(Duration.ofSeconds(60), "subscribed", ingest::subscribed);
            MqttAsyncClient device = new MqttAsyncClient(broker.url(), "dev-" + run, new MemoryPersistence());
            device.connect(Devices.options()).waitForCompletion();
            for (int round = 1; round <= 2; round++) {
                double before = metrics.counter("bourtol.ingest.messages", "source", "mqtt").count();
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    java.time.Instant at = java.time.Instant.parse("2026-11-20T00:00:00Z").plusSeconds(round * 100_000L + i);
                    byte[] p = ("{\"levelCm\":" + (i % 2000) + ",\"observedAt\":\"" + at + "\"}").getBytes(StandardCharsets.UTF_8);
                    while (true) {
                        try {
                            device.publish("bourtol/v1/gauge/bench", p, 1, false);
                            break;
                        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                            Thread.onSpinWait();
                        }
                    }
                }
                Poll.until(Duration.ofMinutes(5), "all ingested",
                        () -> metrics.counter("bourtol.ingest.messages", "source", "mqtt").count() - before >= n);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %d messages in %.2f s = %.0f msg/s (mosquitto max_inflight_messages %s)%n", round, n, s, n / s, inflight);
            }
            device.disconnect().waitForCompletion();
            device.close();
            ingest.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            sink.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }
}
