package org.bourtol.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bourtol.embedded.MqttAccess;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.PahoCallbacks;
import org.bourtol.testkit.Poll;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's process killed with -9 right after the last PUBACK, while QoS 1 readings it has acknowledged
 * wait in ingest's persistent session: after a restart on the same data directory every one of them is delivered.
 * (Moquette 0.17, the embedded broker until December 2026, delivered none: docs/reliability.md "Embedded MQTT broker
 * and crashes".)
 */
class EmbeddedBrokerCrashIT {

    static final int READINGS = 300;

    @TempDir
    Path dir;

    @Test
    void acknowledgedReadingsQueuedForIngestSurviveKillMinus9OfTheBroker() throws Exception {
        int port = ExternalProcess.freePort();
        Path data = Files.createDirectories(dir.resolve("mqtt"));
        String url = "tcp://127.0.0.1:" + port;
        try (ExternalProcess broker = ExternalProcess.java("embedded-mqtt", EmbeddedBrokerMain.class.getName(),
                List.of(data.toString(), String.valueOf(port)), Map.of(), dir)) {
            broker.start(port, Duration.ofSeconds(60));
            // ingest's persistent session subscribes, then is away (as while ingest restarts or lags)
            MqttClient ingest = new MqttClient(url, EmbeddedBrokerMain.INGEST_CLIENT, new MemoryPersistence());
            ingest.connect(options(MqttAccess.INGEST, false));
            ingest.subscribe(EmbeddedBrokerMain.PREFIX + "/gauge/#", 1);
            ingest.disconnect();
            ingest.close();

            MqttClient gateway = new MqttClient(url, "it-gateway", new MemoryPersistence());
            gateway.connect(options(MqttAccess.GATEWAY, true));
            for (int i = 0; i < READINGS; i++) {
                // synchronous: returns once the broker's PUBACK arrived
                gateway.publish(EmbeddedBrokerMain.PREFIX + "/gauge/mopti", ("{\"levelCm\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            }
            gateway.disconnect();
            gateway.close();

            broker.kill(); // at once: no time for the broker to write anything after the last PUBACK
            try {
                broker.start(port, Duration.ofSeconds(60));
            } catch (AssertionError e) {
                throw new AssertionError("the broker did not start again on its data: " + broker.logText(), e);
            }

            Set<String> received = ConcurrentHashMap.newKeySet();
            MqttClient again = new MqttClient(url, EmbeddedBrokerMain.INGEST_CLIENT, new MemoryPersistence());
            again.setCallback(PahoCallbacks.onMessage((topic, payload) -> received.add(payload)));
            again.connect(options(MqttAccess.INGEST, false));
            try {
                Poll.until(Duration.ofSeconds(60), "every acknowledged reading delivered after the crash", () -> received.size() >= READINGS);
            } catch (AssertionError e) {
                throw new AssertionError(received.size() + " of " + READINGS + " acknowledged readings delivered after the crash", e);
            }
            again.disconnect();
            again.close();
            assertEquals(READINGS, received.size());
        }
    }

    private static MqttConnectOptions options(String user, boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(clean);
        o.setMaxInflight(READINGS);
        o.setUserName(user);
        o.setPassword(EmbeddedBrokerMain.USERS.get(user).toCharArray());
        return o;
    }
}
