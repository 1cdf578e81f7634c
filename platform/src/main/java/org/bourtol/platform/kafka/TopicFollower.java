package org.bourtol.platform.kafka;

import org.bourtol.platform.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic on a daemon thread of its own, without a consumer group and
 * committing nothing, handing each record to one callback on that thread. The one way Bourtol reads a
 * topic into memory: topic tables, the notifier's delivery ledger, the simulator's ground-truth
 * tails. {@link #awaitCaughtUp} waits for the end offsets seen at start; {@link #awaitEnd} for
 * everything written before the call. A callback that throws is the caller's bug: it is logged and
 * the record skipped, the follower goes on.
 */
public final class TopicFollower implements AutoCloseable {

    /** Where reading starts. */
    public enum From {
        BEGINNING, END
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    /** How long one poll waits for records while the thread waits for offsets (catching up, an {@link #awaitEnd}). */
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * How long one poll waits otherwise. Records end it at once, and so does a new {@link #awaitEnd} (it wakes the
     * consumer): an idle follower wakes every two seconds instead of ten times a second (an instance runs about fifteen).
     * Not while offsets are awaited: a fetch that only moves the position past a transaction's marker ends no poll.
     */
    private static final Duration IDLE_POLL = Duration.ofSeconds(2);

    private final String topic;
    private final From from;
    private final Consumer<ConsumerRecord<byte[], byte[]>> onRecord;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiters = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    /** True while the thread is in (or about to enter) {@code poll}: a new waiter then wakes the consumer. */
    private volatile boolean polling;
    private volatile Instant since;

    /** {@code consumerProperties}: without a {@code group.id} (see {@link KafkaClients#consumer}). */
    public TopicFollower(Properties consumerProperties, String topic, From from, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        this.topic = topic;
        this.from = from;
        this.onRecord = onRecord;
        this.consumer = new KafkaConsumer<>(consumerProperties);
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Starts at the first record stored at or after {@code from} (record timestamp; a partition with none
     * starts at its end) instead of the beginning: a bounded read of a long event topic. Before {@link #start}.
     */
    public TopicFollower since(Instant from) {
        this.since = from;
        return this;
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    /** True once the end offsets seen when reading started have been read (at once when started from the end). */
    public boolean awaitCaughtUp(Duration timeout) {
        return await(caughtUp, timeout);
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    /** Blocks until the records present in the topic when called have been handed to the callback. */
    public boolean awaitEnd(Duration timeout) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiters.add(f);
        if (polling) {
            // a wakeup landing after the poll ended hits the loop's next blocking call instead, which the loop retries
            consumer.wakeup();
        }
        return await(f, timeout);
    }

    private static boolean await(CompletableFuture<Void> f, Duration timeout) {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void run() {
        try {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            if (from == From.END) {
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
            } else if (since != null) {
                seekTo(since, parts);
            } else {
                consumer.seekToBeginning(parts);
            }
            Map<TopicPartition, Long> initialEnd = consumer.endOffsets(parts);
            Map<TopicPartition, Long> target = null;
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            while (running) {
                try {
                    if (!caughtUp.isDone() && reached(initialEnd)) {
                        caughtUp.complete(null);
                    }
                    if (target == null && (!batch.isEmpty() || !waiters.isEmpty())) {
                        // the end offsets are read after every waiter of the batch was added (one added later waits for
                        // the next batch)
                        for (CompletableFuture<Void> w = waiters.poll(); w != null; w = waiters.poll()) {
                            batch.add(w);
                        }
                        target = consumer.endOffsets(parts);
                    }
                    if (target != null && reached(target)) {
                        batch.forEach(f -> f.complete(null));
                        batch.clear();
                        target = null;
                    }
                    polling = true;
                    // a waiter added before it could see `polling` true is seen here (both volatile) and taken at once,
                    // unless a batch is being read
                    if (target != null || waiters.isEmpty()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(target == null && caughtUp.isDone() ? IDLE_POLL : POLL)) {
                            handle(r);
                        }
                    }
                } catch (WakeupException e) {
                    if (!running) {
                        throw e;
                    }
                    // a new waiter woke the consumer: the next round takes it (a batch whose end offsets were not read
                    // keeps waiting for them)
                } finally {
                    polling = false;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("topic follower woken unexpectedly [topic: {}]", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("topic follower failed [topic: {}]", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void seekTo(Instant time, List<TopicPartition> parts) {
        Map<TopicPartition, Long> at = new HashMap<>();
        parts.forEach(p -> at.put(p, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, Duration.ofSeconds(30));
        for (TopicPartition p : parts) {
            OffsetAndTimestamp o = found.get(p);
            if (o == null) {
                consumer.seekToEnd(List.of(p));
                consumer.position(p);
            } else {
                consumer.seek(p, o.offset());
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        try {
            onRecord.accept(r);
        } catch (RuntimeException e) {
            LOG.error("record handler failed, record skipped [topic: {}, offset: {}]", topic, r.offset(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        Threads.join(thread, Duration.ofSeconds(5));
    }
}
