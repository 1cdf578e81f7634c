package org.bourtol.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's producer (idempotent, acks=all) with short timeouts, so that an unavailable Kafka is noticed
 * within seconds (the SMS webhook must answer Twilio within 15 s). {@code send} never blocks the
 * caller: {@code KafkaProducer.send} may block on metadata, so it runs on one dedicated thread, which
 * also keeps records in call order. Futures complete on the caller's Vert.x context when there is one.
 */
public final class KafkaSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;
    private final Timer latency;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    public KafkaSink(KafkaClients clients, String clientId, MeterRegistry metrics) {
        Properties p = clients.producer(clientId);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 4_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-kafka-send");
            t.setDaemon(true);
            return t;
        });
        this.latency = Timer.builder("bourtol.kafka.produce.latency").description("time from send to Kafka acknowledgement")
                .publishPercentileHistogram().register(metrics);
    }

    /** False after a failed send, until a send succeeds again. */
    public boolean available() {
        return failuresInARow.get() == 0;
    }

    /** Sends the records in order; completes when all are acknowledged, fails on the first error. */
    public Future<Void> send(List<Outgoing> records) {
        Context context = Vertx.currentContext();
        Promise<Void> promise = Promise.promise();
        try {
            sender.execute(() -> sendAll(records, context, promise));
        } catch (RejectedExecutionException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    private void sendAll(List<Outgoing> records, Context context, Promise<Void> promise) {
        if (records.isEmpty()) {
            complete(context, promise, null);
            return;
        }
        AtomicInteger pending = new AtomicInteger(records.size());
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        for (Outgoing r : records) {
            try {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (meta, error) -> {
                    if (error != null) {
                        if (failed.compareAndSet(false, true)) {
                            if (failuresInARow.getAndIncrement() == 0) {
                                LOG.warn("kafka unavailable [topic: {}, error: {}]", r.topic(), error.toString());
                            }
                            complete(context, promise, error);
                        }
                    } else if (pending.decrementAndGet() == 0 && !failed.get()) {
                        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        if (failuresInARow.getAndSet(0) > 0) {
                            LOG.info("kafka available again");
                        }
                        complete(context, promise, null);
                    }
                });
            } catch (RuntimeException e) {
                if (failed.compareAndSet(false, true)) {
                    if (failuresInARow.getAndIncrement() == 0) {
                        LOG.warn("kafka send refused [topic: {}, error: {}]", r.topic(), e.toString());
                    }
                    complete(context, promise, e);
                }
                return;
            }
        }
    }

    private static void complete(Context context, Promise<Void> promise, Throwable error) {
        Runnable r = () -> {
            if (error == null) {
                promise.tryComplete();
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

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(3));
    }
}
