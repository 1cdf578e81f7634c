package org.bourtol.timeseries.sink;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.timeseries.schema.PipelineLatency;
import org.bourtol.timeseries.schema.PointMapper;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop (its own thread, never an event loop): reads observations, alert events and
 * deliveries, maps them to points ({@link RecordRouter}), writes them in batches and commits the
 * Kafka offsets only after InfluxDB accepted the batch. While InfluxDB is down the loop keeps polling
 * with every partition paused (so the consumer stays in its group), retries with capped exponential
 * backoff and lets the backlog wait in Kafka as consumer lag, caught up when InfluxDB is back.
 * Ingest and rules never wait on this loop. Records that cannot be decoded are logged and skipped.
 */
public final class InfluxSink implements Runnable {

    /** The consumer group; several instances share the partitions. */
    public static final String GROUP = "bourtol-timeseries";
    public static final List<String> TOPICS = List.of(Topics.OBSERVATIONS.name(), Topics.ALERTS.name(), Topics.DELIVERIES.name());

    private static final Logger log = LoggerFactory.getLogger(InfluxSink.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LAG_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    /** Batch size in points, flush interval, and the retry backoff bounds. */
    public record Settings(int batchSize, Duration flushInterval, Duration minBackoff, Duration maxBackoff) {
    }

    private final Properties consumerProps;
    private final InfluxWriter writer;
    private final Settings settings;
    private final RecordRouter router = new RecordRouter(new PipelineLatency(100_000, 20_000));
    private final PendingBatch pending = new PendingBatch();
    private final RetryPolicy.Attempts backoff;
    private final SinkMeters meters;
    private volatile boolean running = true;
    private volatile HealthRegistry.Status status = HealthRegistry.Status.up("starting");
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private boolean paused;
    private long nextAttemptNanos;
    private long lastLagNanos;
    private long lastFlushNanos = System.nanoTime();
    private int failures;

    public InfluxSink(Properties consumerProps, InfluxWriter writer, Settings settings, MeterRegistry metrics) {
        this.consumerProps = new Properties();
        this.consumerProps.putAll(consumerProps);
        this.consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(500, settings.batchSize())));
        this.writer = writer;
        this.settings = settings;
        this.backoff = RetryPolicy.forever(settings.minBackoff(), settings.maxBackoff()).attempts(() -> ThreadLocalRandom.current().nextDouble());
        this.meters = new SinkMeters(metrics);
    }

    public HealthRegistry.Status health() {
        return status;
    }

    public long lag() {
        return meters.lag();
    }

    /** Asks the loop to stop: it tries one last flush, commits and closes the consumer. */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            consumer = c;
            c.subscribe(TOPICS, new Rebalance());
            checkServer();
            while (running) {
                try {
                    step(c);
                } catch (WakeupException e) {
                    // stop() was called; the loop condition ends it
                } catch (KafkaException e) {
                    long delay = backoff.failed().toMillis();
                    status = HealthRegistry.Status.down("Kafka consumer failing: " + e.getMessage());
                    log.warn("influx sink consumer error, retrying [retry in: {} ms, reason: {}]", delay, e.toString());
                    pauseFor(delay);
                }
            }
            if (!pending.isEmpty()) {
                flush(c);
            }
        } catch (RuntimeException e) {
            log.error("influx sink stopped [reason: {}]", e.toString(), e);
            status = HealthRegistry.Status.down("sink stopped: " + e.getMessage());
        }
    }

    private static void pauseFor(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(KafkaConsumer<byte[], byte[]> c) {
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
        for (String topic : TOPICS) {
            // observations before alerts before deliveries, so the pipeline latency caches see causes first
            for (ConsumerRecord<byte[], byte[]> r : records.records(topic)) {
                pending.record(new TopicPartition(r.topic(), r.partition()), r.offset());
                try {
                    router.route(r, pending::add);
                } catch (RuntimeException e) {
                    meters.skipped();
                    log.warn("record skipped [topic: {}, partition: {}, offset: {}, reason: {}]", r.topic(), r.partition(), r.offset(), e.getMessage());
                }
            }
        }
        if (!paused && pending.size() >= settings.batchSize()) {
            pause(c);
        }
        long now = System.nanoTime();
        boolean due = pending.size() >= settings.batchSize() || pending.ageNanos() >= settings.flushInterval().toNanos();
        if (!pending.isEmpty() && due && now >= nextAttemptNanos) {
            flush(c);
        } else if (pending.isEmpty() && failures > 0 && now >= nextAttemptNanos) {
            checkServer();
        }
        if (now - lastLagNanos >= LAG_EVERY_NANOS) {
            lastLagNanos = now;
            updateLag(c);
        }
    }

    private boolean flush(KafkaConsumer<byte[], byte[]> c) {
        long now = System.nanoTime();
        int size = pending.size();
        List<Point> batch = new ArrayList<>(size + 1);
        batch.addAll(pending.points());
        batch.add(PipelineLatency.throughput(Instant.now(), pending.records(Topics.OBSERVATIONS.name()),
                pending.records(Topics.ALERTS.name()), pending.records(Topics.DELIVERIES.name()),
                (now - lastFlushNanos) / 1e9, meters.lag()));
        try {
            meters.writeTimer().record(() -> writer.write(batch));
        } catch (InfluxWriter.PartialWrite e) {
            log.error("influx dropped points of a batch [points: {}, reason: {}]", batch.size(), e.getMessage());
        } catch (RuntimeException e) {
            failed(c, e);
            return false;
        }
        commit(c);
        pending.perMeasurement().merge(PointMapper.PIPELINE, 1, Integer::sum);
        meters.pointsAccepted(pending.perMeasurement());
        pending.clear();
        lastFlushNanos = now;
        recovered(c, batch.size());
        return true;
    }

    private void commit(KafkaConsumer<byte[], byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = pending.commitOffsets();
        try {
            c.commitSync(offsets, Duration.ofSeconds(10));
        } catch (KafkaException e) {
            // the points are in InfluxDB: re-reading them after a rebalance rewrites identical points
            log.warn("offset commit failed, records will be re-read [reason: {}]", e.getMessage());
        }
    }

    private void failed(KafkaConsumer<byte[], byte[]> c, RuntimeException e) {
        meters.writeFailed();
        failures++;
        long delay = backoff.failed().toMillis();
        nextAttemptNanos = System.nanoTime() + Duration.ofMillis(delay).toNanos();
        status = HealthRegistry.Status.down("InfluxDB write failing (" + failures + " attempts): " + e.getMessage());
        if (failures == 1 || failures % 10 == 0) {
            log.warn("influx write failed, retrying [attempt: {}, points: {}, retry in: {} ms, reason: {}]",
                    failures, pending.size(), delay, e.getMessage());
        }
        pause(c);
    }

    private void recovered(KafkaConsumer<byte[], byte[]> c, int points) {
        if (failures > 0) {
            log.info("influx writes recovered [after attempts: {}]", failures);
        }
        failures = 0;
        backoff.reset();
        nextAttemptNanos = 0;
        status = HealthRegistry.Status.up("last batch of " + points + " points written at " + Instant.now());
        if (paused) {
            c.resume(c.assignment());
            paused = false;
        }
    }

    private void checkServer() {
        try {
            writer.check();
            if (failures > 0) {
                failures = 0;
                backoff.reset();
                KafkaConsumer<byte[], byte[]> c = consumer;
                if (paused && c != null) {
                    c.resume(c.assignment());
                    paused = false;
                }
            }
            status = HealthRegistry.Status.up("InfluxDB answers");
        } catch (RuntimeException e) {
            failures++;
            nextAttemptNanos = System.nanoTime() + backoff.failed().toNanos();
            status = HealthRegistry.Status.down("InfluxDB unreachable: " + e.getMessage());
        }
    }

    private void pause(KafkaConsumer<byte[], byte[]> c) {
        c.pause(c.assignment());
        paused = true;
    }

    private void updateLag(KafkaConsumer<byte[], byte[]> c) {
        try {
            meters.lag(ConsumerLag.measure(c, pending.firstOffsets()));
        } catch (KafkaException e) {
            log.debug("lag not updated [reason: {}]", e.getMessage());
        }
    }

    /** Flushes before partitions move away; if that fails, the uncommitted records are read again. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (!pending.isEmpty() && !flush(c)) {
                rewind(c, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            rewind(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }

        private void rewind(KafkaConsumer<byte[], byte[]> c, Collection<TopicPartition> leaving) {
            Set<TopicPartition> staying = new HashSet<>(c.assignment());
            staying.removeAll(leaving);
            pending.firstOffsets().forEach((tp, offset) -> {
                if (staying.contains(tp)) {
                    c.seek(tp, offset);
                }
            });
            pending.clear();
        }
    }
}
