package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.PahoCallbacks;
import org.bourtol.testkit.Poll;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The platform's Paho wiring ({@link MqttOptions} built from {@code BOURTOL_MQTT_URL}) against a real
 * mosquitto started by the test: QoS 1 round trip, a persistent session's offline queue, and the
 * {@code mqtt} health check following the broker down and up again.
 */
@Timeout(120)
class MosquittoIT {

    @Test
    void pahoWiringAgainstMosquitto() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            BourtolConfig.Mqtt cfg = ConfigLoader.load((String) null, Map.of("BOURTOL_MQTT_URL", "mqtt://127.0.0.1:" + broker.port())).mqtt();
            String url = MqttOptions.pahoUrl(cfg.url());
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient sub = new MqttClient(url, "it-mosquitto-sub", new MemoryPersistence());
            sub.setCallback(PahoCallbacks.onMessage((topic, payload) -> received.add(payload)));
            sub.connect(MqttOptions.persistent(cfg));
            sub.subscribe("bourtol/v1/it/#", 1);
            MqttClient pub = new MqttClient(url, "it-mosquitto-pub", new MemoryPersistence());
            pub.connect(MqttOptions.base(cfg));
            pub.publish("bourtol/v1/it/a", "online".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("online", received.poll(10, TimeUnit.SECONDS));

            sub.disconnect();
            pub.publish("bourtol/v1/it/a", "while-offline".getBytes(StandardCharsets.UTF_8), 1, false);
            sub.connect(MqttOptions.persistent(cfg));
            // QoS 1 is at least once: when the DISCONNECT leaves before Paho's PUBACK of "online" (its callback thread
            // acks after the test thread has the message), mosquitto sends "online" again first (seen in CI)
            String next = received.poll(10, TimeUnit.SECONDS);
            if ("online".equals(next)) {
                next = received.poll(10, TimeUnit.SECONDS);
            }
            assertEquals("while-offline", next, "queued for the persistent session");
            pub.disconnect();
            pub.close();
            sub.disconnect();
            sub.close();

            Vertx vertx = Vertx.vertx();
            try (MqttHealth health = MqttHealth.external(vertx, cfg)) {
                assertEquals("UP", health.status().state(), broker.log());
                broker.stop();
                Poll.until(Duration.ofSeconds(10), "health DOWN after the broker stopped", () -> "DOWN".equals(health.status().state()));
                broker.restart();
                Poll.until(Duration.ofSeconds(20), "health UP after the broker restarted", () -> "UP".equals(health.status().state()));
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
