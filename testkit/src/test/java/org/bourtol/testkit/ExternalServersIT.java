package org.bourtol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The process helpers against the real binaries: they start, answer, restart and stop. */
@Timeout(60)
class ExternalServersIT {

    @Test
    void mosquittoKeepsPersistentSessionAcrossRestart() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            MqttConnectOptions opts = new MqttConnectOptions();
            opts.setCleanSession(false);
            opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            var received = new CopyOnWriteArrayList<String>();
            MqttClient sub = new MqttClient(broker.url(), "testkit-sub", new MemoryPersistence());
            sub.connect(opts);
            sub.subscribe("t/#", 1, (topic, msg) -> received.add(new String(msg.getPayload(), StandardCharsets.UTF_8)));
            sub.disconnect();

            broker.stop();
            assertFalse(broker.running());
            broker.restart();

            MqttClient pub = new MqttClient(broker.url(), "testkit-pub", new MemoryPersistence());
            pub.connect();
            pub.publish("t/a", "while-offline".getBytes(StandardCharsets.UTF_8), 1, false);
            pub.disconnect();
            pub.close();

            sub.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            sub.connect(opts);
            Poll.until(Duration.ofSeconds(10), "queued message after broker restart; log: " + broker.log(),
                    () -> received.contains("while-offline"));
            sub.disconnect();
            sub.close();
        }
    }

    @Test
    void influxdAnswersPing() throws Exception {
        try (Influxd influx = Influxd.start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(influx.url() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, r.statusCode(), influx.log());
        }
    }
}
