package org.bourtol.ingest.mqtt;

import static org.bourtol.ingest.mqtt.MqttIngestFixture.config;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.gauge;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.readings;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.seen;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.stop;
import static org.bourtol.ingest.mqtt.MqttIngestFixture.tempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bourtol.ingest.Devices;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/** Two ingest instances in one shared-subscription group split the messages; each message reaches Kafka once. */
class MqttSharedSubscriptionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void instancesInAGroupSplitTheMessages() throws Exception {
        String run = RunId.next();
        String station = "shared-" + run;
        int n = 200;
        Vertx vertx = Vertx.vertx();
        try (Mosquitto broker = Mosquitto.start()) {
            Publisher sink = new Publisher(SharedKafka.clients(), "shared-" + run, new SimpleMeterRegistry(), Publisher.FAIL_FAST);
            MqttIngest a = ingest(vertx, config(broker.url(), "ingest-a-" + run, "ingest-" + run), sink);
            MqttIngest b = ingest(vertx, config(broker.url(), "ingest-b-" + run, "ingest-" + run), sink);
            a.start();
            b.start();
            Poll.until(WAIT, "both subscribed", () -> a.subscribed() && b.subscribed());
            MqttClient device = Devices.connect(broker.url(), "dev-" + run);
            for (int i = 1; i <= n; i++) {
                device.publish("bourtol/v1/gauge/" + station, gauge(i), 1, false);
            }
            Poll.until(WAIT, "all on kafka", () -> readings(station).size() >= n);
            List<GaugeReading> all = readings(station);
            assertEquals(n, all.size());
            assertEquals(n, all.stream().map(GaugeReading::levelCm).collect(Collectors.toSet()).size());
            assertEquals(n, a.received() + b.received(), "each message went to one instance");
            assertTrue(a.received() > 0 && b.received() > 0, "both took a share: " + a.received() + "/" + b.received());
            device.disconnect();
            device.close();
            stop(a);
            stop(b);
            sink.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void filtersUseTheSharedGroupWhenConfigured() {
        BourtolConfig.Mqtt plain = config("tcp://127.0.0.1:1883", "x", null);
        assertEquals(List.of("bourtol/v1/herd/+", "bourtol/v1/gauge/+", "bourtol/v1/rain/+", "bourtol/v1/report/+",
                "application/+/device/+/event/up", "v3/+/devices/+/up"), MqttIngest.filters(plain));
        assertTrue(MqttIngest.filters(config("tcp://127.0.0.1:1883", "x", "g1")).stream().allMatch(f -> f.startsWith("$share/g1/")));
    }

    private static MqttIngest ingest(Vertx vertx, BourtolConfig.Mqtt mqtt, Publisher sink) {
        return MqttIngestFixture.ingest(vertx, mqtt, sink, seen(tempDir()));
    }
}
