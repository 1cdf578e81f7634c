package org.bourtol.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bourtol.embedded.MqttAccess;
import org.bourtol.testkit.ExternalProcess;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * By hand ({@code -Dbroker.soak.kills=N}): the embedded broker's process killed with -9 {@code N} times at random
 * moments while a gateway publishes QoS 1 readings without pause and ingest's persistent session is connected and
 * acknowledging each reading a few milliseconds after it arrived (as ingest does once Kafka has it). Every reading
 * the broker acknowledged must reach the subscriber; a miss is printed with the kills around it.
 */
@EnabledIfSystemProperty(named = "broker.soak.kills", matches = "\\d+")
class EmbeddedBrokerSoakIT {

    @TempDir
    Path dir;

    private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
    private final Set<Integer> received = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Instant> ackedAt = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScheduledExecutorService acker = Executors.newSingleThreadScheduledExecutor();

    @Test
    void everyAcknowledgedReadingReachesAnOnlineSubscriberAcrossKills() throws Exception {
        int kills = Integer.getInteger("broker.soak.kills");
        int port = ExternalProcess.freePort();
        Path data = Files.createDirectories(dir.resolve("mqtt"));
        String url = "tcp://127.0.0.1:" + port;
        List<String> events = new ArrayList<>();
        try (ExternalProcess broker = ExternalProcess.java("embedded-mqtt", EmbeddedBrokerMain.class.getName(),
                List.of(data.toString(), String.valueOf(port)), Map.of(), dir)) {
            broker.start(port, Duration.ofSeconds(60));
            MqttAsyncClient ingest = subscriber(url);
            Thread gateway = new Thread(() -> publish(url), "soak-gateway");
            gateway.start();
            for (int k = 1; k <= kills; k++) {
                TimeUnit.MILLISECONDS.sleep(2000 + ThreadLocalRandom.current().nextInt(4000)); // the load runs
                broker.kill();
                events.add("kill " + k + " at " + Instant.now() + " (acked " + acked.size() + ")");
                broker.start(port, Duration.ofSeconds(60));
                events.add("up " + k + " at " + Instant.now());
                System.out.println(events.get(events.size() - 2) + " / " + events.get(events.size() - 1));
            }
            TimeUnit.SECONDS.sleep(2);
            running.set(false);
            gateway.join();
            drain();
            TreeSet<Integer> missing = missing();
            if (!missing.isEmpty()) {
                System.out.println("missing " + ranges(missing));
                events.forEach(System.out::println);
            }
            ingest.disconnect().waitForCompletion(5000);
            ingest.close();
        }
        TreeSet<Integer> missing = missing();
        System.out.println("soak: " + kills + " kills, " + acked.size() + " acknowledged, " + received.size() + " received, missing " + ranges(missing));
        assertEquals("", ranges(missing));
    }

    /** Waits until the subscriber has every acknowledged reading or has received nothing new for 30 s (the backlog drained). */
    private void drain() throws InterruptedException {
        int seen = -1;
        long still = System.nanoTime();
        while (!received.containsAll(acked) && System.nanoTime() - still < TimeUnit.SECONDS.toNanos(30)) {
            if (received.size() != seen) {
                seen = received.size();
                still = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling the subscriber's progress
        }
    }

    private TreeSet<Integer> missing() {
        TreeSet<Integer> missing = new TreeSet<>(acked);
        missing.removeAll(received);
        return missing;
    }

    /** {@code 3-7 (acked at …), 12 (acked at …)}. */
    private String ranges(TreeSet<Integer> values) {
        List<String> out = new ArrayList<>();
        Integer from = null;
        for (int v : values) {
            if (from == null) {
                from = v;
            }
            if (!values.contains(v + 1)) {
                out.add(from + (from == v ? "" : "-" + v) + " (acked at " + ackedAt.get(from) + ")");
                from = null;
            }
        }
        return String.join(", ", out);
    }

    private MqttAsyncClient subscriber(String url) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, EmbeddedBrokerMain.INGEST_CLIENT, new MemoryPersistence());
        c.setManualAcks(true);
        MqttConnectOptions o = options(MqttAccess.INGEST, false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(200);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                try {
                    c.subscribe(EmbeddedBrokerMain.PREFIX + "/gauge/#", 1);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(Integer.parseInt(new String(message.getPayload(), StandardCharsets.UTF_8)));
                int id = message.getId();
                int qos = message.getQos();
                acker.schedule(() -> {
                    try {
                        c.messageArrivedComplete(id, qos);
                    } catch (MqttException e) {
                        // connection gone: the broker sends it again
                    }
                }, 3, TimeUnit.MILLISECONDS);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private void publish(String url) {
        try {
            MqttClient c = new MqttClient(url, "soak-gateway", new MemoryPersistence());
            c.setTimeToWait(5000);
            MqttConnectOptions o = options(MqttAccess.GATEWAY, true);
            connect(c, o);
            for (int i = 0; running.get(); i++) {
                byte[] payload = String.valueOf(i).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    try {
                        c.publish(EmbeddedBrokerMain.PREFIX + "/gauge/mopti", payload, 1, false);
                        acked.add(i);
                        ackedAt.put(i, Instant.now());
                        break;
                    } catch (MqttException e) {
                        connect(c, o);
                    }
                }
            }
            c.disconnect();
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void connect(MqttClient c, MqttConnectOptions o) throws InterruptedException {
        while (!c.isConnected()) {
            try {
                c.connect(o);
            } catch (MqttException e) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static MqttConnectOptions options(String user, boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(clean);
        o.setMaxInflight(200);
        o.setConnectionTimeout(5);
        o.setUserName(user);
        o.setPassword(EmbeddedBrokerMain.USERS.get(user).toCharArray());
        return o;
    }
}
