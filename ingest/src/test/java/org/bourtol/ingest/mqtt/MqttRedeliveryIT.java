package org.bourtol.ingest.mqtt;

import static org.bourtol.ingest.mqtt.MqttIngestFixture.config;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.gauge;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.ingest;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.readings;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.seen;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.stop;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.tempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bourtol.ingest.Devices;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.ingest.publish.SeenIds;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.PahoCallbacks;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The two crash windows of MQTT ingest, with a real mosquitto (persistent session, QoS 1) and Kafka: an
 * instance stopped before Kafka acknowledged its messages, and one stopped after Kafka acknowledged them
 * but before the broker acks went out. In both a new instance with the same client id (and data
 * directory) gets the messages redelivered, and every message is on Kafka exactly once.
 */
class MqttRedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void unackedMessagesAreRedeliveredToTheNextInstanceWithoutLossOrDuplicates() throws Exception {
        String run = RunId.next();
        String station = "st-" + run;
        int n = 30;
        Vertx vertx = Vertx.vertx();
        try (Mosquitto broker = Mosquitto.start()) {
            BourtolConfig.Mqtt mqtt = config(broker.url(), "redelivery-" + run);
            KafkaClients deadKafka = new KafkaClients(new BourtolConfig.Kafka("127.0.0.1:" + ExternalProcess.freePort(), "PLAINTEXT", "PLAIN",
                    null, null, null, null, 0));
            Publisher deadSink = new Publisher(deadKafka, "dead", new SimpleMeterRegistry(), Publisher.FAIL_FAST);
            Path data = tempDir();
            MqttIngest first = ingest(vertx, mqtt, deadSink, seen(data));
            first.start();
            Poll.until(WAIT, "first instance subscribed", first::subscribed);

            MqttClient device = Devices.connect(broker.url(), "dev-" + run);
            for (int i = 1; i <= n; i++) {
                device.publish("bourtol/v1/gauge/" + station, gauge(i), 1, false);
            }
            Poll.until(WAIT, "first instance holds un-acked messages", () -> first.received() >= 10);
            stop(first);
            deadSink.close();
            assertEquals(0, readings(station).size(), "nothing reached Kafka through the dead sink");

            Publisher sink = new Publisher(SharedKafka.clients(), "redelivery", new SimpleMeterRegistry(), Publisher.FAIL_FAST);
            MqttIngest second = ingest(vertx, mqtt, sink, seen(data));
            second.start();
            Poll.until(WAIT, "all messages on Kafka", () -> readings(station).size() >= n);
            device.publish("bourtol/v1/gauge/" + station, gauge(n + 1), 1, false);
            Poll.until(WAIT, "marker after the redelivered messages", () -> readings(station).stream().anyMatch(g -> g.levelCm() == n + 1));
            List<GaugeReading> all = readings(station);
            assertEquals(n + 1, all.size(), "no duplicates");
            Set<Integer> levels = all.stream().map(GaugeReading::levelCm).collect(Collectors.toSet());
            assertEquals(n + 1, levels.size(), "no loss");
            Poll.until(WAIT, "broker acked", () -> second.received() >= n - 10 + 1);
            stop(second);
            sink.close();
            device.disconnect();
            device.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageOnKafkaWhoseAckWasLostIsAckedWithoutASecondRecordAfterARestart() throws Exception {
        String run = RunId.next();
        String station = "cw-" + run;
        int n = 10;
        Vertx vertx = Vertx.vertx();
        Path data = tempDir();
        try (Mosquitto broker = Mosquitto.start()) {
            BourtolConfig.Mqtt mqtt = config(broker.url(), "crash-" + run);
            Publisher sink = new Publisher(SharedKafka.clients(), "crash", new SimpleMeterRegistry(), Publisher.FAIL_FAST);
            SeenIds firstIds = seen(data);
            MqttIngest first = ingest(vertx, mqtt, sink, firstIds);
            first.holdAcks();
            first.start();
            Poll.until(WAIT, "first instance subscribed", first::subscribed);
            MqttClient device = new MqttClient(broker.url(), "dev-" + run, new MemoryPersistence());
            device.connect(options(true));
            for (int i = 1; i <= n; i++) {
                device.publish("bourtol/v1/gauge/" + station, gauge(i), 1, false);
            }
            Poll.until(WAIT, "records on Kafka, broker acks held back", () -> first.held() >= n);
            assertEquals(n, readings(station).size());
            // the process dies here: Kafka has the records, the broker has no ack
            stop(first);
            firstIds.close();

            SeenIds secondIds = seen(data);
            MqttIngest second = ingest(vertx, mqtt, sink, secondIds);
            second.start();
            Poll.until(WAIT, "redeliveries recognised", () -> second.duplicates() >= n);
            device.publish("bourtol/v1/gauge/" + station, gauge(n + 1), 1, false);
            Poll.until(WAIT, "marker on Kafka", () -> readings(station).stream().anyMatch(g -> g.levelCm() == n + 1));
            List<GaugeReading> all = readings(station);
            assertEquals(n + 1, all.size(), "one record per message: " + all);
            assertEquals(n + 1, all.stream().map(GaugeReading::levelCm).collect(Collectors.toSet()).size());
            stop(second);
            secondIds.close();

            // the redeliveries were acked: the session holds nothing but a new marker
            List<String> after = new CopyOnWriteArrayList<>();
            MqttClient probe = new MqttClient(broker.url(), mqtt.clientId(), new MemoryPersistence());
            probe.setCallback(PahoCallbacks.onMessage((topic, payload) -> after.add(payload)));
            probe.connect(options(false));
            device.publish("bourtol/v1/gauge/" + station, gauge(n + 2), 1, false);
            Poll.until(WAIT, "new marker through the session", () -> !after.isEmpty());
            assertEquals(List.of(new String(gauge(n + 2), StandardCharsets.UTF_8)), after, "nothing left un-acked");
            probe.disconnect();
            probe.close();
            sink.close();
            device.disconnect();
            device.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = Devices.options();
        o.setCleanSession(clean);
        return o;
    }
}
