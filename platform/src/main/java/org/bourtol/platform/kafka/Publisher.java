package org.bourtol.platform.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bourtol.contracts.topic.Topic;

/**
 * A shared idempotent producer that publishes typed records and completes a Vert.x {@link Future}
 * when Kafka acknowledged them (acks=all). The future fails when Kafka does not answer within the
 * delivery timeout; callers decide (spool, 503, no MQTT ack). Thread-safe.
 */
public final class Publisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();

    public Publisher(KafkaClients clients, String clientId) {
        this.producer = new KafkaProducer<>(clients.producer(clientId));
    }

    public <K, V> Future<RecordMetadata> publish(Topic<K, V> topic, K key, V value) {
        Promise<RecordMetadata> promise = Promise.promise();
        try {
            byte[] k = key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
            byte[] v = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), k, v), (meta, error) -> {
                if (error != null) {
                    lastError.set(error);
                    promise.fail(error);
                } else {
                    lastError.set(null);
                    promise.complete(meta);
                }
            });
        } catch (RuntimeException e) {
            lastError.set(e);
            promise.fail(e);
        }
        return promise.future();
    }

    /** The last send error, or null after a successful send: a cheap health signal. */
    public Throwable lastError() {
        return lastError.get();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
