package org.bourtol.embedded;

import static org.bourtol.embedded.EmbeddedMqttIT.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's trust boundary (docs/security.md, MQTT): listening on every interface (as for
 * field gateways), it refuses anonymous clients and wrong passwords, keeps ingest's persistent session
 * for ingest's own account, drops a device's reading published under another device's id (and closes that
 * device's connection), and lets nobody but the notifier write the retained alert topics. The broker binds 0.0.0.0; the clients
 * connect over 127.0.0.1 only.
 */
@Timeout(60)
class EmbeddedMqttAccessIT {

    @TempDir
    Path dir;

    private static MqttClient client(EmbeddedMqtt broker, String clientId) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        c.setTimeToWait(10_000);
        return c;
    }

    private static EmbeddedMqtt beyondLoopback(Path dir) {
        return new EmbeddedMqtt(dir, 0, 64 * 1024, EmbeddedMqttIT.access(), new EmbeddedMqtt.Listen("0.0.0.0", null, null, 0)).start();
    }

    private static int refusal(MqttClient c, MqttConnectOptions o) {
        MqttException e = assertThrows(MqttException.class, () -> c.connect(o));
        return e.getReasonCode();
    }

    @Test
    void anonymousClientsWrongPasswordsAndSessionTakeoverAreRefusedWhenListeningBeyondLoopback() throws Exception {
        try (EmbeddedMqtt broker = beyondLoopback(dir)) {
            assertTrue(broker.url().startsWith("tcp://127.0.0.1:"), broker.url());
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(client(broker, "stranger"), as(null, true)),
                    "a client without a user name");
            MqttConnectOptions wrong = as(MqttAccess.INGEST, false);
            wrong.setPassword("guess".toCharArray());
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(client(broker, "bourtol-ingest"), wrong),
                    "ingest's client id with a guessed password");
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                    refusal(client(broker, "bourtol-ingest"), as("collar-17", false)),
                    "a device's valid account claiming ingest's persistent session");
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                    refusal(client(broker, "bourtol-notifier-x"), as("collar-17", true)),
                    "a device's valid account with a client id reserved for Bourtol");

            MqttClient ingest = client(broker, "bourtol-ingest");
            ingest.connect(as(MqttAccess.INGEST, false));
            assertTrue(ingest.isConnected());
            assertTrue(broker.connectedClients().contains("bourtol-ingest"));
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(client(broker, "bourtol-ingest"), as(null, false)),
                    "an anonymous client claiming ingest's session while ingest is connected");
            assertTrue(ingest.isConnected(), "ingest keeps its session");
            ingest.disconnectForcibly(0, 1000);
        }
    }

    /** {@code user} publishes {@code payload} on {@code topic}: refused, the connection closed, nothing acknowledged. */
    private static void refusedPublish(EmbeddedMqtt broker, String clientId, String user, String topic, String payload, boolean retained)
            throws MqttException {
        MqttClient c = client(broker, clientId);
        c.connect(as(user, true));
        MqttException e = assertThrows(MqttException.class,
                () -> c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained), user + " on " + topic);
        assertEquals(MqttException.REASON_CODE_CONNECTION_LOST, e.getReasonCode(), user + " on " + topic);
        assertFalse(c.isConnected());
        c.close();
    }

    @Test
    void aDeviceWritesOnlyUnderItsOwnIdAndOnlyTheNotifierWritesAlerts() throws Exception {
        try (EmbeddedMqtt broker = beyondLoopback(dir)) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient ingest = client(broker, "bourtol-ingest");
            ingest.connect(as(MqttAccess.INGEST, true));
            ingest.subscribe("bourtol/#", 1, (topic, m) -> received.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));

            // a publish the broker refuses is not routed, and the broker closes that client's connection (MQTT 3.1.1
            // has no negative PUBACK): each refused one on a connection of its own
            refusedPublish(broker, "collar-17", "collar-17", "bourtol/gauge/niamey", "{\"levelCm\":999}", false);
            refusedPublish(broker, "collar-17", "collar-17", "bourtol/alerts/niamey", "{\"forged\":true}", true);
            MqttClient device = client(broker, "collar-17");
            device.connect(as("collar-17", true));
            device.publish("bourtol/herd/collar-17", "{\"own\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("bourtol/herd/collar-17={\"own\":true}", received.poll(10, TimeUnit.SECONDS));

            MqttClient notifier = client(broker, "bourtol-notifier-alerts");
            notifier.connect(as(MqttAccess.NOTIFIER, true));
            notifier.publish("bourtol/alerts/mopti", "{\"level\":\"Severe\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            assertEquals("bourtol/alerts/mopti={\"level\":\"Severe\"}", received.poll(10, TimeUnit.SECONDS));

            refusedPublish(broker, "bourtol-gateway-1", MqttAccess.GATEWAY, "bourtol/alerts/mopti", "{\"level\":\"none\"}", true);
            MqttClient gateway = client(broker, "bourtol-gateway-1");
            gateway.connect(as(MqttAccess.GATEWAY, true));
            gateway.publish("bourtol/gauge/mopti", "{\"levelCm\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("bourtol/gauge/mopti={\"levelCm\":1}", received.poll(10, TimeUnit.SECONDS), "a gateway writes any station");

            // a siren subscribing now gets the notifier's retained message, not the device's or the gateway's
            BlockingQueue<String> siren = new LinkedBlockingQueue<>();
            MqttClient sirenClient = client(broker, "siren-niamey");
            sirenClient.connect(as("collar-17", true));
            sirenClient.subscribe("bourtol/alerts/#", 1, (topic, m) -> siren.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));
            assertEquals("bourtol/alerts/mopti={\"level\":\"Severe\"}", siren.poll(10, TimeUnit.SECONDS));
            assertNull(siren.poll(1, TimeUnit.SECONDS), "no retained message from the device on bourtol/alerts/niamey");
            assertThrows(MqttException.class, () -> sirenClient.subscribe("bourtol/gauge/#", 1), "a device cannot read others' readings");
            assertNull(received.poll(1, TimeUnit.SECONDS), "nothing else reached ingest: " + received);
            assertFalse(received.stream().anyMatch(s -> s.contains("999")));
            System.out.println("closing clients");
            ingest.disconnectForcibly(0, 1000);
            notifier.disconnectForcibly(0, 1000);
            sirenClient.disconnectForcibly(0, 1000);
            device.disconnectForcibly(0, 1000);
            gateway.disconnectForcibly(0, 1000);
            System.out.println("clients closed");
        }
    }

    @Test
    void theTlsListenerServesTheKeystoresCertificateAndStillRequiresAPassword() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "store-secret")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try (EmbeddedMqtt broker = new EmbeddedMqtt(dir.resolve("mqtt"), 0, 64 * 1024, EmbeddedMqttIT.access(),
                new EmbeddedMqtt.Listen("127.0.0.1", keystore.toString(), "store-secret", 0)).start()) {
            assertTrue(broker.tlsPort() > 0);
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(keystore)) {
                trust.load(in, "store-secret".toCharArray());
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            String url = "ssl://127.0.0.1:" + broker.tlsPort();

            MqttConnectOptions anonymous = as(null, true);
            anonymous.setSocketFactory(ctx.getSocketFactory());
            MqttClient stranger = new MqttClient(url, "stranger", new MemoryPersistence());
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(stranger, anonymous), "anonymous over TLS");

            MqttConnectOptions device = as("collar-17", true);
            device.setSocketFactory(ctx.getSocketFactory());
            MqttClient collar = new MqttClient(url, "collar-17", new MemoryPersistence());
            collar.setTimeToWait(10_000);
            collar.connect(device);
            collar.publish("bourtol/herd/collar-17", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            collar.disconnectForcibly(0, 1000);
        }
    }
}
