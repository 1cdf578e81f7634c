package org.bourtol.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bourtol.contracts.topic.Topic;

/**
 * A shared idempotent producer that publishes typed records and completes a Vert.x {@link Future}
 * when Kafka acknowledged them (acks=all). The future fails when Kafka does not answer within the
 * delivery timeout; callers decide (spool, 503, no MQTT ack). Thread-safe.
 *
 * <p>{@link KafkaProducer#send} blocks its caller for up to {@code max.block.ms} while topic metadata
 * is missing (Kafka down or unreachable), so sends are handed to one dedicated thread (which also
 * keeps their order) and {@link #publish} never blocks a Vert.x event loop.
 */
public final class Publisher implements AutoCloseable {

    /**
     * Micrometer name of the produce latency timer (send until Kafka's ack, successful sends only). No
     * tags, and the same description and histogram as ingest's own timer, so both register one meter
     * (Prometheus forbids one name with different tag keys).
     */
    public static final String LATENCY_METRIC = "bourtol.kafka.produce.latency";

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private final ExecutorService sender;
    private final Timer timer;

    public Publisher(KafkaClients clients, String clientId) {
        this(clients, clientId, null);
    }

    /**
     * A publisher that also records {@value #LATENCY_METRIC} (a Timer, shown on {@code /metrics} as
     * {@code bourtol_kafka_produce_latency_seconds}) for every acknowledged send. {@code metrics} null
     * records nothing.
     */
    public Publisher(KafkaClients clients, String clientId, MeterRegistry metrics) {
        this.producer = new KafkaProducer<>(clients.producer(clientId));
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bourtol-publisher-" + clientId);
            t.setDaemon(true);
            return t;
        });
        this.timer = metrics == null ? null : Timer.builder(LATENCY_METRIC).description("time from send to Kafka acknowledgement")
                .publishPercentileHistogram().register(metrics);
    }

    public <K, V> Future<RecordMetadata> publish(Topic<K, V> topic, K key, V value) {
        Promise<RecordMetadata> promise = Promise.promise();
        try {
            byte[] k = key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
            byte[] v = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
            sender.execute(() -> send(topic.name(), k, v, promise));
        } catch (RuntimeException e) {
            lastError.set(e);
            promise.fail(e);
        }
        return promise.future();
    }

    private void send(String topic, byte[] k, byte[] v, Promise<RecordMetadata> promise) {
        try {
            long started = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, k, v), (meta, error) -> {
                record(error == null, System.nanoTime() - started);
                if (error != null) {
                    lastError.set(error);
                    promise.tryFail(error);
                } else {
                    lastError.set(null);
                    promise.tryComplete(meta);
                }
            });
        } catch (RuntimeException e) {
            lastError.set(e);
            promise.tryFail(e);
        }
    }

    private void record(boolean ok, long nanos) {
        Timer t = timer;
        if (t != null && ok) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
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
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
