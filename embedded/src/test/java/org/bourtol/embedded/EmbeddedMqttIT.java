package org.bourtol.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HiveMQ CE embedded (built for Netty 4.1) on the project's Netty 4.2, with the Paho v3 client: QoS 1
 * publish/subscribe, a persistent session's offline queue, and its subscription surviving a broker
 * restart. (A kill -9 of the broker: ingest's EmbeddedBrokerCrashIT.)
 * (Embedded cannot use testkit, which depends on it: plain JUnit waits here.)
 */
@Timeout(60)
class EmbeddedMqttIT {

    @TempDir
    Path dir;

    static final java.util.Map<String, String> USERS = java.util.Map.of(MqttAccess.INGEST, "ingest-secret",
            MqttAccess.NOTIFIER, "notifier-secret", MqttAccess.GATEWAY, "gateway-secret", "collar-17", "collar-secret");

    static MqttAccess access() {
        return new MqttAccess(USERS, "bourtol", "bourtol-ingest");
    }

    /** Connect options as {@code user} with its password from {@link #USERS} (null: anonymous). */
    static MqttConnectOptions as(String user, boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(USERS.get(user).toCharArray());
        }
        return o;
    }

    private static MqttConnectOptions persistent() {
        return as(MqttAccess.INGEST, false);
    }

    private interface MqttStep {
        void run() throws MqttException;
    }

    /** Runs one client call and names it when it fails (Paho's exception carries only its receiver thread's stack). */
    private static void step(String what, MqttStep call) throws MqttException {
        try {
            call.run();
        } catch (MqttException e) {
            throw new MqttException(e.getReasonCode(), new IllegalStateException(what + " failed: " + e.getMessage(), e));
        }
    }

    private static void connectAgainOnceDropped(MqttClient client) throws MqttException {
        try {
            client.connect(persistent());
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
            System.out.println("embedded broker dropped the first CONNECT after its restart; connecting again");
            client.connect(persistent());
        }
    }

    private static MqttCallback into(BlockingQueue<String> queue) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                queue.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }

    @Test
    void qos1RoundTripOfflineQueueAndSubscriptionSurvivingRestart() throws Exception {
        EmbeddedMqtt broker = new EmbeddedMqtt(dir, 0, access()).start();
        int port = broker.port();
        assertNotEquals(0, port);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient sub = new MqttClient(broker.url(), "it-sub", new MemoryPersistence());
        sub.setCallback(into(received));
        step("first connect", () -> sub.connect(persistent()));
        sub.subscribe("bourtol/#", 1);

        MqttClient pub = new MqttClient(broker.url(), "it-pub", new MemoryPersistence());
        step("publisher connect", () -> pub.connect(as(MqttAccess.GATEWAY, false)));
        pub.publish("bourtol/gauge/a", "one".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.publish("bourtol/gauge/big", new byte[16 * 1024], 1, false);
        assertEquals("bourtol/gauge/a=one", received.poll(10, TimeUnit.SECONDS));
        assertTrue(received.poll(10, TimeUnit.SECONDS).startsWith("bourtol/gauge/big="), "16 KB payload");

        sub.disconnect();
        step("publish while offline", () -> pub.publish("bourtol/gauge/a", "while-offline".getBytes(StandardCharsets.UTF_8), 1, false));
        step("reconnect to the same broker", () -> sub.connect(persistent()));
        // QoS 1 is at least once: when the DISCONNECT leaves before Paho's PUBACK of the 16 KB message (its callback
        // thread acks after the test thread has the message), the broker sends that message again first
        String queued = received.poll(10, TimeUnit.SECONDS);
        if (queued != null && queued.startsWith("bourtol/gauge/big=")) {
            queued = received.poll(10, TimeUnit.SECONDS);
        }
        assertEquals("bourtol/gauge/a=while-offline", queued, "queued for the offline persistent session");
        sub.disconnect();
        pub.disconnect();
        pub.close();
        broker.close();

        EmbeddedMqtt again = new EmbeddedMqtt(dir, port, access()).start();
        try {
            // no new SUBSCRIBE: the session's subscription was persisted. Should the broker drop the first
            // CONNECT of a restored session right after a restart, a real client (ingest: Paho with
            // reconnect) connects again, and so does this one
            step("reconnect after the restart", () -> connectAgainOnceDropped(sub));
            MqttClient pub2 = new MqttClient(again.url(), "it-pub2", new MemoryPersistence());
            pub2.connect(as(MqttAccess.GATEWAY, true));
            pub2.publish("bourtol/gauge/a", "after-restart".getBytes(StandardCharsets.UTF_8), 1, false);
            // QoS 1 is at least once: a broker closed before it stored the subscriber's PUBACK of the message queued
            // while offline delivers it once more after the restart (seen under load; ingest drops it by its id)
            String next = received.poll(10, TimeUnit.SECONDS);
            if ("bourtol/gauge/a=while-offline".equals(next)) {
                next = received.poll(10, TimeUnit.SECONDS);
            }
            assertEquals("bourtol/gauge/a=after-restart", next);
            pub2.disconnect();
            pub2.close();
            sub.disconnect();
            sub.close();
        } finally {
            again.close();
        }
        assertEquals(List.of(), List.copyOf(received));
    }
    @Test
    void acceptsTheEmptyClientIdThatMosquittoPubSends() throws Exception {
        try (EmbeddedMqtt broker = new EmbeddedMqtt(dir, 0, access()).start()) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient sub = new MqttClient(broker.url(), "it-sub-empty", new MemoryPersistence());
            sub.setCallback(into(received));
            sub.connect(as(MqttAccess.INGEST, true));
            sub.subscribe("bourtol/#", 1);
            MqttClient emptyId = new MqttClient(broker.url(), "", new MemoryPersistence());
            emptyId.connect(as("collar-17", true));
            emptyId.publish("bourtol/herd/collar-17", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("bourtol/herd/collar-17={}", received.poll(10, TimeUnit.SECONDS));
            emptyId.disconnect();
            emptyId.close();
            sub.disconnect();
            sub.close();
        }
    }
}
