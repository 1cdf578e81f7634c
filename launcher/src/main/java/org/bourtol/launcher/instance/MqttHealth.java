package org.bourtol.launcher.instance;

import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.health.HealthRegistry.Status;
import org.bourtol.platform.mqtt.MqttOptions;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT broker reachability for {@code /health}. The embedded broker reports its running flag; an
 * external broker is watched by a small Paho connection of its own (clean session, the configured
 * credentials and TLS), reconnected on a worker every few seconds when it drops.
 */
final class MqttHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttHealth.class);
    private static final long PERIOD_MS = 5000;

    private final Vertx vertx;
    private final BourtolConfig.Mqtt config;
    private final BooleanSupplier embeddedRunning;
    private MqttAsyncClient client;
    private long timer = -1;

    /** Why the last connection attempt failed (Paho's reason, e.g. "Not authorized to connect"), or null. */
    private volatile String lastFailure;

    private MqttHealth(Vertx vertx, BourtolConfig.Mqtt config, BooleanSupplier embeddedRunning) {
        this.vertx = vertx;
        this.config = config;
        this.embeddedRunning = embeddedRunning;
    }

    static MqttHealth embedded(Vertx vertx, BourtolConfig.Mqtt config, BooleanSupplier running) {
        return new MqttHealth(vertx, config, running);
    }

    static MqttHealth external(Vertx vertx, BourtolConfig.Mqtt config) {
        MqttHealth h = new MqttHealth(vertx, config, null);
        if (config.url() != null) {
            h.startWatching();
        }
        return h;
    }

    private void startWatching() {
        try {
            client = new MqttAsyncClient(MqttOptions.pahoUrl(config.url()),
                    "bourtol-health-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        } catch (Exception e) {
            throw new IllegalStateException("invalid MQTT url " + config.url() + ": " + e.getMessage(), e);
        }
        connect();
        timer = vertx.setPeriodic(PERIOD_MS, id -> vertx.executeBlocking(() -> {
            connect();
            return null;
        }));
    }

    private void connect() {
        if (client.isConnected()) {
            return;
        }
        try {
            MqttConnectOptions o = MqttOptions.base(config);
            o.setAutomaticReconnect(false);
            o.setCleanSession(true);
            o.setConnectionTimeout(5);
            client.connect(o).waitForCompletion(6000);
            lastFailure = null;
        } catch (Exception e) {
            lastFailure = e.getMessage();
            LOG.debug("mqtt health connection failed [url: {}, reason: {}]", config.url(), e.getMessage());
        }
    }

    Status status() {
        if (embeddedRunning != null) {
            return embeddedRunning.getAsBoolean() ? Status.up("embedded broker on " + config.url()) : Status.down("embedded broker stopped");
        }
        if (client == null) {
            return Status.disabled("no mqtt.url configured");
        }
        String failure = lastFailure;
        return client.isConnected() ? Status.up(config.url())
                : Status.down(config.url() + (failure == null ? " unreachable" : " refused or unreachable: " + failure));
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(0).waitForCompletion(1000);
                }
                client.close(true);
            } catch (Exception e) {
                LOG.debug("mqtt health client close failed [reason: {}]", e.getMessage());
            }
        }
    }
}
