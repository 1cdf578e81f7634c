package org.bourtol.notifier.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.platform.retry.RetryPolicy;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retained alert state per zone on {@code <prefix>/alerts/{zoneId}} (QoS 1) for sirens, display
 * boards and apps: the JSON of {@link ZoneAlertMessage} while the zone has active alerts, an empty
 * retained payload (which clears the retained message) once none is left; after a reconnect every
 * zone is published again ({@link #onReconnect}); a zone an alert's update leaves is published again too
 * (cleared when nothing else is active there). Paho v3 with the platform's
 * options; connect and publish run on one dedicated thread, never on an event loop.
 */
public final class AlertTopics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertTopics.class);
    private static final RetryPolicy RECONNECT = RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final BourtolConfig.Mqtt config;
    private final String clientId;
    private final ExecutorService executor;
    private volatile MqttClient client;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile Runnable onReconnect = () -> {};
    /** The zones of each active alert as last published, to clear the ones an update leaves. */
    private final Map<String, Set<String>> zonesByAlert = new ConcurrentHashMap<>();

    public AlertTopics(BourtolConfig.Mqtt config, String instanceId) {
        this.config = config;
        this.clientId = (config.clientId() == null ? "bourtol" : config.clientId()) + "-alerts-" + instanceId;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notifier-mqtt");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.submit(this::connect);
    }

    private void connect() {
        for (int attempt = 1; client == null || !client.isConnected(); attempt++) {
            try {
                MqttClient c = new MqttClient(MqttOptions.pahoUrl(config.url()), clientId, new MemoryPersistence());
                c.setCallback(new MqttCallbackExtended() {
                    @Override
                    public void connectComplete(boolean reconnect, String serverURI) {
                        if (reconnect) {
                            LOG.info("alert topics reconnected, publishing every zone's state again [url: {}]", serverURI);
                            onReconnect.run();
                        }
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                        LOG.warn("alert topics connection lost [reason: {}]", String.valueOf(cause));
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                c.connect(MqttOptions.base(config));
                client = c;
                firstConnect.complete(null);
                LOG.info("alert topics connected [url: {}]", config.url());
            } catch (MqttException e) {
                LOG.warn("alert topics cannot connect, retrying [url: {}, attempt: {}, reason: {}]", config.url(), attempt, e.getMessage());
                try {
                    Thread.sleep(RECONNECT.delay(attempt, ThreadLocalRandom.current()::nextDouble).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits for the first connection (the component is ready once its alert topics are); false on timeout. */
    public boolean awaitConnected(Duration timeout) {
        try {
            firstConnect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    public boolean connected() {
        MqttClient c = client;
        return c != null && c.isConnected();
    }

    public static String topic(String prefix, String zoneId) {
        return (prefix == null ? "bourtol/v1" : prefix.replaceAll("/+$", "")) + "/alerts/" + zoneId;
    }

    /**
     * Runs after every automatic reconnect (Paho's own): the caller publishes every zone again, so a
     * state that changed while the broker was unreachable, or a broker that lost its retained
     * messages, shows the current alerts again.
     */
    public AlertTopics onReconnect(Runnable action) {
        this.onReconnect = action;
        return this;
    }

    /** Publishes the retained state of every zone that has or had an alert (cleared when none is active). */
    public void publishAll(Collection<AlertEvent> all) {
        List<AlertEvent> active = active(all);
        all.stream().flatMap(e -> e.alert().zones().stream()).distinct().forEach(zone -> publish(zone, active));
    }

    /**
     * Publishes the retained state of the event's zone(s), computed from all alert states, and of the
     * zones the alert covered before this event (an update that narrows an officer's warning leaves
     * them: their retained message is cleared when no other alert is active there).
     */
    public void publish(AlertEvent event, Collection<AlertEvent> all) {
        Set<String> zones = new LinkedHashSet<>(event.alert().zones());
        String id = event.alert().id();
        Set<String> before = event.alert().active() ? zonesByAlert.put(id, Set.copyOf(zones)) : zonesByAlert.remove(id);
        if (before != null) {
            zones.addAll(before);
        }
        List<AlertEvent> active = active(all);
        for (String zone : zones) {
            publish(zone, active);
        }
    }

    /** The active alerts among all held (resolved ones never count in a zone's message): filtered once per event, not per zone. */
    private static List<AlertEvent> active(Collection<AlertEvent> all) {
        return all.stream().filter(e -> e.alert().active()).toList();
    }

    private void publish(String zone, Collection<AlertEvent> active) {
        byte[] payload = ZoneAlertMessage.of(zone, active).map(m -> m.toJson().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        String topic = topic(config.prefix(), zone);
        executor.submit(() -> {
            MqttClient c = client;
            if (c == null || !c.isConnected()) {
                LOG.warn("alert topic not published, MQTT not connected [topic: {}]", topic);
                return;
            }
            try {
                c.publish(topic, payload, 1, true);
            } catch (MqttException e) {
                LOG.warn("alert topic not published [topic: {}, reason: {}]", topic, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(3, TimeUnit.SECONDS);
            MqttClient c = client;
            if (c != null) {
                if (c.isConnected()) {
                    c.disconnect(1000);
                }
                c.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException e) {
            LOG.warn("alert topics close failed [reason: {}]", e.getMessage());
        }
    }
}
