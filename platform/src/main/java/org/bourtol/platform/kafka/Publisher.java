package org.bourtol.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bourtol.contracts.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one producer of every component: idempotent, acks=all, publishing typed records (or records
 * already serialized as {@link Outgoing}) and completing a Vert.x {@link Future} when Kafka
 * acknowledged them. The future fails when Kafka does not answer within the delivery timeout;
 * callers decide (spool, 503, no MQTT ack). Thread-safe.
 *
 * <p>{@link KafkaProducer#send} blocks its caller for up to {@code max.block.ms} while topic metadata
 * is missing (Kafka down or unreachable), so sends are handed to one dedicated thread (which also
 * keeps their order) and no method here blocks a Vert.x event loop. {@link #FAIL_FAST} gives short
 * timeouts for callers that must notice an unavailable Kafka within seconds (the SMS webhook answers
 * Twilio within 15 s).
 */
public final class Publisher implements AutoCloseable {

    /**
     * Micrometer name of the produce latency timer (send until Kafka's ack, successful sends only), shown
     * on {@code /metrics} as {@code bourtol_kafka_produce_latency_seconds}.
     */
    public static final String LATENCY_METRIC = "bourtol.kafka.produce.latency";

    /** Producer settings that notice an unavailable Kafka within about 6 s instead of 2 minutes. */
    public static final Map<String, Object> FAIL_FAST = Map.of(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 4_000,
            ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000, ProducerConfig.LINGER_MS_CONFIG, 0);

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final ExecutorService sender;
    private final Timer timer;

    public Publisher(KafkaClients clients, String clientId) {
        this(clients, clientId, null);
    }

    /** A publisher that also records {@value #LATENCY_METRIC}; {@code metrics} null records nothing. */
    public Publisher(KafkaClients clients, String clientId, MeterRegistry metrics) {
        this(clients, clientId, metrics, Map.of());
    }

    /** As above, with producer settings that override the cluster's defaults (for example {@link #FAIL_FAST}). */
    public Publisher(KafkaClients clients, String clientId, MeterRegistry metrics, Map<String, Object> overrides) {
        Properties p = clients.producer(clientId);
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bourtol-publisher-" + clientId);
            t.setDaemon(true);
            return t;
        });
        this.timer = metrics == null ? null : Timer.builder(LATENCY_METRIC).description("time from send to Kafka acknowledgement")
                .publishPercentileHistogram().register(metrics);
    }

    /**
     * Publishes one typed record. The future completes on the producer's thread, so a worker thread
     * may wait for it.
     */
    public <K, V> Future<RecordMetadata> publish(Topic<K, V> topic, K key, V value) {
        Outgoing record;
        try {
            record = Outgoing.of(topic, key, value);
        } catch (RuntimeException e) {
            lastError.set(e);
            return Future.failedFuture(e);
        }
        Promise<RecordMetadata> promise = Promise.promise();
        submit(List.of(record), null, promise);
        return promise.future();
    }

    /**
     * Sends serialized records in order; completes when all are acknowledged, fails on the first error.
     * The future completes on the caller's Vert.x context when there is one.
     */
    public Future<Void> send(List<Outgoing> records) {
        Promise<RecordMetadata> promise = Promise.promise();
        submit(records, Vertx.currentContext(), promise);
        return promise.future().mapEmpty();
    }

    /**
     * Sends serialized records in order on the calling thread, which {@link KafkaProducer#send} may block for up to
     * {@code max.block.ms} while topic metadata is missing: for a component's own worker thread, never a Vert.x thread.
     * Saves the hand-off to this publisher's thread, a thread wake-up per record at MQTT rates. Completes on Kafka's
     * producer thread, like {@link #publish}.
     *
     * @throws IllegalStateException on a Vert.x thread
     */
    public Future<Void> sendOnThisThread(List<Outgoing> records) {
        if (Context.isOnVertxThread()) {
            throw new IllegalStateException("sendOnThisThread may block: not on a Vert.x thread (" + Thread.currentThread().getName() + ")");
        }
        Promise<RecordMetadata> promise = Promise.promise();
        sendAll(records, null, promise);
        return promise.future().mapEmpty();
    }

    private void submit(List<Outgoing> records, Context context, Promise<RecordMetadata> promise) {
        try {
            sender.execute(() -> sendAll(records, context, promise));
        } catch (RejectedExecutionException e) {
            promise.fail(e);
        }
    }

    private void sendAll(List<Outgoing> records, Context context, Promise<RecordMetadata> promise) {
        if (records.isEmpty()) {
            complete(context, promise, null, null);
            return;
        }
        AtomicInteger pending = new AtomicInteger(records.size());
        AtomicBoolean failed = new AtomicBoolean();
        long start = System.nanoTime();
        for (Outgoing r : records) {
            try {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (meta, error) -> {
                    if (error != null) {
                        if (failed.compareAndSet(false, true)) {
                            failed(r.topic(), error);
                            complete(context, promise, null, error);
                        }
                    } else if (pending.decrementAndGet() == 0 && !failed.get()) {
                        if (timer != null) {
                            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        }
                        lastError.set(null);
                        if (failuresInARow.getAndSet(0) > 0) {
                            LOG.info("kafka available again");
                        }
                        complete(context, promise, meta, null);
                    }
                });
            } catch (RuntimeException e) {
                if (failed.compareAndSet(false, true)) {
                    failed(r.topic(), e);
                    complete(context, promise, null, e);
                }
                return;
            }
        }
    }

    private void failed(String topic, Throwable error) {
        lastError.set(error);
        if (failuresInARow.getAndIncrement() == 0) {
            LOG.warn("kafka unavailable [topic: {}, error: {}]", topic, error.toString());
        }
    }

    private static void complete(Context context, Promise<RecordMetadata> promise, RecordMetadata meta, Throwable error) {
        Runnable r = () -> {
            if (error == null) {
                promise.tryComplete(meta);
            } else {
                promise.tryFail(error);
            }
        };
        if (context == null) {
            r.run();
        } else {
            context.runOnContext(v -> r.run());
        }
    }

    /** False after a failed send, until a send succeeds again. */
    public boolean available() {
        return failuresInARow.get() == 0;
    }

    /** The last send error, or null after a successful send: a cheap health signal. */
    public Throwable lastError() {
        return lastError.get();
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
