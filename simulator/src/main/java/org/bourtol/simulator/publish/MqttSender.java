package org.bourtol.simulator.publish;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bourtol.platform.mqtt.MqttOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes as a gateway does: Paho MQTT 3.1.1, QoS 1, a bounded window of messages in flight
 * (the broker's PUBACK releases a slot), so {@code --speed max} runs as fast as the broker accepts.
 */
public final class MqttSender implements AutoCloseable {

    private final MqttAsyncClient client;
    private final Semaphore window;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public MqttSender(String url, String username, String password, int inflight) throws MqttException {
        this.client = new MqttAsyncClient(MqttOptions.pahoUrl(url), "bourtol-sim-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        this.window = new Semaphore(inflight);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setMaxInflight(inflight);
        o.setAutomaticReconnect(true);
        o.setConnectionTimeout(10);
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        client.connect(o).waitForCompletion(15_000);
    }

    /** Publishes with QoS 1; blocks while the in-flight window is full. */
    public void publish(String topic, String payload) throws InterruptedException {
        publish(topic, payload, () -> {});
    }

    /**
     * Publishes with QoS 1; blocks while the in-flight window is full. {@code onAck} runs on Paho's
     * callback thread when the broker acknowledged this message (PUBACK), never when it failed.
     */
    public void publish(String topic, String payload, Runnable onAck) throws InterruptedException {
        window.acquire();
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        try {
            client.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    acked.incrementAndGet();
                    window.release();
                    onAck.run();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    failed.incrementAndGet();
                    window.release();
                }
            });
        } catch (MqttException e) {
            failed.incrementAndGet();
            window.release();
        }
    }

    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Waits until every message in flight was acknowledged or the timeout passed. */
    public boolean drain(int inflight, long timeoutMs) throws InterruptedException {
        if (window.tryAcquire(inflight, timeoutMs, TimeUnit.MILLISECONDS)) {
            window.release(inflight);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            // closing a client that the broker already dropped: nothing left to release
        }
    }
}
