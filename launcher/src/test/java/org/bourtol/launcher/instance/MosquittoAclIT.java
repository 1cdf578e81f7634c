package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bourtol.testkit.ExternalBinary;
import org.bourtol.testkit.Mosquitto;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe of {@code deploy/mosquitto} (mosquitto.conf, acl, a password file made with
 * {@code mosquitto_passwd}) on a real mosquitto, bound to 127.0.0.1: the same trust boundary as the
 * embedded broker (EmbeddedMqttAccessIT) — anonymous clients and wrong passwords refused, a device's
 * reading under another device's id dropped, only the notifier writing the retained alert topics.
 */
@Timeout(120)
class MosquittoAclIT {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Map<String, String> USERS = Map.of("bourtol-ingest", "ingest-secret-1", "bourtol-notifier", "notifier-secret-1",
            "mopti", "mopti-gauge-secret");

    @TempDir
    Path dir;

    private static MqttConnectOptions as(String user, String password) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        return o;
    }

    private static MqttConnectOptions as(String user) {
        return as(user, USERS.get(user));
    }

    private Mosquitto start() throws Exception {
        Path tool = ExternalBinary.require("mosquitto_passwd", "mosquitto");
        Path passwd = dir.resolve("passwd");
        Files.createFile(passwd);
        for (Map.Entry<String, String> u : USERS.entrySet()) {
            Process p = new ProcessBuilder(tool.toString(), "-b", passwd.toString(), u.getKey(), u.getValue()).inheritIO().start();
            assertEquals(0, p.waitFor(), "mosquitto_passwd " + u.getKey());
        }
        String conf = Files.readString(DEPLOY.resolve("mosquitto/mosquitto.conf"));
        return Mosquitto.startWith((port, own) -> conf
                .replace("listener 1883", "listener " + port + " 127.0.0.1")
                .replace("/mosquitto/config/passwd", passwd.toString())
                .replace("/mosquitto/config/acl", DEPLOY.resolve("mosquitto/acl").toAbsolutePath().toString())
                .replace("/mosquitto/data/", own.toAbsolutePath() + "/"));
    }

    @Test
    void theDeployRecipeHoldsDevicesToTheirOwnIdAndAlertsToTheNotifier() throws Exception {
        try (Mosquitto broker = start()) {
            for (MqttConnectOptions o : List.of(as(null, null), as("bourtol-ingest", "guess"))) {
                MqttClient c = new MqttClient(broker.url(), "bourtol-ingest", new MemoryPersistence());
                assertThrows(MqttException.class, () -> c.connect(o), "connect as " + o.getUserName());
                c.close();
            }

            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient ingest = new MqttClient(broker.url(), "bourtol-ingest", new MemoryPersistence());
            ingest.connect(as("bourtol-ingest"));
            ingest.subscribe("bourtol/v1/#", 1, (topic, m) -> received.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));

            MqttAsyncClient device = new MqttAsyncClient(broker.url(), "mopti-gauge", new MemoryPersistence());
            device.connect(as("mopti")).waitForCompletion(10_000);
            device.publish("bourtol/v1/gauge/niamey", "{\"levelCm\":999}".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish("bourtol/v1/alerts/niamey", "{\"forged\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
            device.publish("bourtol/v1/gauge/mopti", "{\"levelCm\":1}".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(10_000);
            assertEquals("bourtol/v1/gauge/mopti={\"levelCm\":1}", received.poll(10, TimeUnit.SECONDS));

            MqttClient notifier = new MqttClient(broker.url(), "bourtol-notifier-alerts", new MemoryPersistence());
            notifier.connect(as("bourtol-notifier"));
            notifier.publish("bourtol/v1/alerts/mopti", "{\"level\":\"Severe\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            assertEquals("bourtol/v1/alerts/mopti={\"level\":\"Severe\"}", received.poll(10, TimeUnit.SECONDS));

            BlockingQueue<String> siren = new LinkedBlockingQueue<>();
            MqttClient sirenClient = new MqttClient(broker.url(), "siren", new MemoryPersistence());
            sirenClient.connect(as("mopti"));
            sirenClient.subscribe("bourtol/v1/alerts/#", 1, (topic, m) -> siren.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));
            assertEquals("bourtol/v1/alerts/mopti={\"level\":\"Severe\"}", siren.poll(10, TimeUnit.SECONDS));
            assertNull(siren.poll(1, TimeUnit.SECONDS), "no retained message from the device on bourtol/v1/alerts/niamey");
            assertNull(received.poll(1, TimeUnit.SECONDS), "nothing else reached ingest");
            sirenClient.disconnect();
            notifier.disconnect();
            device.disconnectForcibly(0, 1000);
            ingest.disconnect();
        }
    }
}
