package org.bourtol.ingest.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.Outgoing;
import org.bourtol.ingest.publish.SeenIds;
import org.bourtol.platform.mqtt.MqttOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paho (MQTT 3.1.1) subscriber: fixed client id, persistent session (clean session false), QoS 1,
 * manual acknowledgements. A message is acknowledged to the broker only after Kafka acknowledged its
 * observation or its rejection record; while Kafka refuses, the send is retried with backoff and the
 * message stays un-acked. Ids are content hashes, and the ids Kafka acknowledged are persisted
 * ({@link AckCommitter}, group fsync) before the ack goes out, so a message the broker redelivers after a
 * crash — or after a reconnect while its send is still running — is acked without a second record. Paho's
 * callback thread only hands the message to an ordered worker thread, which parses it and gives it to Kafka's
 * producer itself (no further hand-off). Subscriptions are renewed on every (re)connect, as
 * {@code $share/<group>/…} when a shared group is configured.
 */
public final class MqttIngest {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final Vertx vertx;
    private final BourtolConfig.Mqtt config;
    private final MqttMessageParser parser;
    private final Publisher sink;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-mqtt-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile MqttAsyncClient client;
    private volatile boolean stopped;
    private volatile boolean subscribed;
    private final AtomicLong received = new AtomicLong();
    private final AckCommitter committer;
    private final AtomicLong duplicates = new AtomicLong();
    /** {@code bourtol.ingest.messages} by source, looked up once rather than per message (a registry lookup each); worker only. */
    private final Map<Source, Counter> sent = new EnumMap<>(Source.class);

    /**
     * @param published ids of records Kafka already acknowledged (owned by the caller, closed after {@link #stop()});
     *                  loaded from the data directory, so a redelivery after a restart is acked without a second record
     */
    public MqttIngest(Vertx vertx, BourtolConfig.Mqtt config, MqttMessageParser parser, Publisher sink, SeenIds published, Clock clock,
                      MeterRegistry metrics) {
        this.vertx = vertx;
        this.committer = new AckCommitter(published, clock);
        this.config = config;
        this.parser = parser;
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The subscription filters for this configuration. */
    public static List<String> filters(BourtolConfig.Mqtt config) {
        List<String> f = new ArrayList<>();
        for (String kind : List.of("herd", "gauge", "rain", "report")) {
            f.add(config.prefix() + "/" + kind + "/+");
        }
        if (config.lorawanChirpstack()) {
            f.add("application/+/device/+/event/up");
        }
        if (config.lorawanTts()) {
            f.add("v3/+/devices/+/up");
        }
        if (config.sharedGroup() != null && !config.sharedGroup().isBlank()) {
            f.replaceAll(x -> "$share/" + config.sharedGroup() + "/" + x);
        }
        return f;
    }

    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** True once the subscriptions of the current connection were granted. */
    public boolean subscribed() {
        return subscribed && connected();
    }

    /** Messages received from the broker since start (acknowledged or not). */
    public long received() {
        return received.get();
    }

    /** Redeliveries acked without a second record (already on Kafka, or being sent). */
    long duplicates() {
        return duplicates.get();
    }

    /** Test hook: from now on, persist published ids but send no broker acks (see {@link #held()}). */
    void holdAcks() {
        committer.holdAcks();
    }

    /** Messages whose record is on Kafka and whose id is persisted, but whose ack was held back. */
    long held() {
        return committer.held();
    }

    /** Starts connecting (retrying until the broker answers); completes at once. */
    public Future<Void> start() {
        try {
            client = new MqttAsyncClient(MqttOptions.pahoUrl(config.url()), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        connect(1000);
        return Future.succeededFuture();
    }

    private void connect(long retryMs) {
        if (stopped) {
            return;
        }
        try {
            client.connect(MqttOptions.persistent(config), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("mqtt connect failed, retrying [url: {}, in: {} ms, error: {}]", config.url(), retryMs, e.toString());
                    vertx.setTimer(retryMs, id -> connect(Math.min(retryMs * 2, 30_000)));
                }
            });
        } catch (MqttException e) {
            LOG.warn("mqtt connect refused, retrying [url: {}, error: {}]", config.url(), e.toString());
            vertx.setTimer(retryMs, id -> connect(Math.min(retryMs * 2, 30_000)));
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            List<String> filters = filters(config);
            int[] qos = filters.stream().mapToInt(f -> 1).toArray();
            try {
                client.subscribe(filters.toArray(new String[0]), qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = true;
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        LOG.error("mqtt subscribe refused [filters: {}, error: {}]", filters, e.toString());
                    }
                });
                LOG.info("mqtt connected [url: {}, clientId: {}, reconnect: {}, filters: {}]", serverUri, config.clientId(), reconnect, filters);
            } catch (MqttException e) {
                LOG.error("mqtt subscribe failed [filters: {}]", filters, e);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            LOG.warn("mqtt connection lost, reconnecting [url: {}, error: {}]", config.url(), String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            int id = message.getId();
            int qos = message.getQos();
            received.incrementAndGet();
            onWorker(() -> handle(topic, payload, id, qos));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    private void handle(String topic, byte[] payload, int id, int qos) {
        MqttInput in = parser.parse(topic, payload, clock.instant());
        String recordId = in instanceof MqttInput.Accepted a ? a.observation().id() : ((MqttInput.Refused) in).rejected().id();
        if (!committer.begin(recordId, () -> ack(id, qos))) {
            duplicates.incrementAndGet();
            metrics.counter("bourtol.ingest.duplicates", "source", "mqtt").increment();
            LOG.debug("mqtt redelivery of a message already published or being sent [topic: {}, id: {}]", Phones.maskInText(topic),
                    recordId);
            return;
        }
        Outgoing record;
        Counter metric;
        if (in instanceof MqttInput.Accepted a) {
            Observation o = a.observation();
            record = Outgoing.of(Topics.OBSERVATIONS, o.subject(), o);
            metric = sent.computeIfAbsent(o.source(), s -> metrics.counter("bourtol.ingest.messages", "source", s.name().toLowerCase()));
        } else {
            Rejected r = ((MqttInput.Refused) in).rejected();
            record = Outgoing.of(Topics.REJECTED, r.source().name().toLowerCase(), r);
            metric = null;
            LOG.info("mqtt message rejected [topic: {}, reason: {}]", r.origin(), r.reason());
            metrics.counter("bourtol.ingest.rejected", "reason", r.code()).increment();
        }
        send(record, recordId, metric, 500);
    }

    /**
     * On the worker, which Kafka's send may block while Kafka is unreachable (the broker then stops delivering at its
     * in-flight window).
     */
    private void send(Outgoing record, String recordId, Counter metric, long retryMs) {
        sink.sendOnThisThread(List.of(record)).onComplete(ar -> {
            if (ar.succeeded()) {
                if (metric != null) {
                    metric.increment();
                }
                committer.published(recordId);
            } else if (!stopped) {
                vertx.setTimer(retryMs, t -> onWorker(() -> send(record, recordId, metric, Math.min(retryMs * 2, 10_000))));
            }
        });
    }

    /** Runs on the worker; not after {@link #stop()} (the message stays un-acked and the broker redelivers it). */
    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("mqtt ingest stopped, a message left un-acked: the broker redelivers it");
        }
    }

    private void ack(int id, int qos) {
        try {
            if (qos > 0) {
                client.messageArrivedComplete(id, qos);
            }
        } catch (MqttException e) {
            LOG.warn("mqtt ack failed, the broker will redeliver [messageId: {}, error: {}]", id, e.toString());
        }
    }

    public Future<Void> stop() {
        stopped = true;
        Promise<Void> done = Promise.promise();
        MqttAsyncClient c = client;
        worker.shutdown();
        if (c == null) {
            return Future.succeededFuture();
        }
        vertx.executeBlocking(() -> {
            try {
                worker.awaitTermination(2, TimeUnit.SECONDS);
                committer.close();
                if (c.isConnected()) {
                    c.disconnect(2000).waitForCompletion(3000);
                }
            } catch (MqttException e) {
                LOG.warn("mqtt disconnect failed [error: {}]", e.toString());
            } finally {
                c.close(true);
            }
            return null;
        }).onComplete(ar -> done.complete());
        return done.future();
    }
}
