package org.bourtol.ingest.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bourtol.ingest.publish.SeenIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker acks of MQTT ingest, sent only once the record's id is durable. {@link #begin} tells whether
 * a message must be sent to Kafka: not when its record id is already persisted (a redelivery after a
 * crash) or being sent (a redelivery after a reconnect) — its ack then runs at once, or with the first
 * copy's. {@link #published} makes the id durable with a group commit: ids queue up while the previous
 * group is being written, then the whole group is appended with one fsync ({@link SeenIds#rememberAll})
 * and its acks run, all on one thread, so neither Paho's nor Kafka's threads wait for the disk. A group is
 * written {@link #LINGER} after its first id arrived, so that the ids Kafka acknowledges in one response, and those
 * of the next few, share one fsync: an fsync costs tens of microseconds of CPU whatever it writes (55 µs on the
 * build machine), and without the wait most groups held one or two ids, the commit thread costing ingest as much CPU
 * as its whole MQTT worker (docs/performance.md, "6 December, night"). The remaining window (a crash between
 * Kafka's acknowledgement and the fsync, a few milliseconds) can still yield a second record with the same id.
 */
final class AckCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AckCommitter.class);

    /** How long a group waits for more ids before it is written: what it adds to a message's broker ack. */
    static final Duration LINGER = Duration.ofMillis(2);

    private record Pending(String recordId) {
    }

    private final SeenIds store;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Records being sent, with the broker acks waiting for them (a redelivery while in flight adds its ack). */
    private final Map<String, List<Runnable>> inFlight = new HashMap<>();
    private volatile boolean holdAcks;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong groups = new AtomicLong();
    private final long lingerNanos;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-mqtt-commit");
        t.setDaemon(true);
        return t;
    });

    AckCommitter(SeenIds store, Clock clock) {
        this(store, clock, LINGER);
    }

    AckCommitter(SeenIds store, Clock clock, Duration linger) {
        this.store = store;
        this.clock = clock;
        this.lingerNanos = linger.toNanos();
    }

    /**
     * True when the record must be sent; false for a duplicate, whose {@code ack} runs now (record already
     * durable) or together with the ack of the copy being sent.
     */
    boolean begin(String recordId, Runnable ack) {
        synchronized (inFlight) {
            List<Runnable> waiting = inFlight.get(recordId);
            if (waiting != null) {
                waiting.add(ack);
                return false;
            }
            // checked under the lock: an id leaves inFlight only after it was persisted
            if (!store.contains(recordId, clock.instant())) {
                inFlight.put(recordId, new ArrayList<>(List.of(ack)));
                return true;
            }
        }
        ack.run();
        return false;
    }

    /** Kafka acknowledged the record: makes its id durable, then runs its acks; after {@link #close()} only the first. */
    void published(String recordId) {
        queue.add(new Pending(recordId));
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::drain, lingerNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                persistWithoutAcks();
            }
        }
    }

    /** Test hook: ids are still persisted but no ack runs any more (a crash just before the acks). */
    void holdAcks() {
        holdAcks = true;
    }

    /** Acks held back by {@link #holdAcks()}. */
    long held() {
        return held.get();
    }

    /** Groups written so far (one fsync each). */
    long groups() {
        return groups.get();
    }

    private void drain() {
        scheduled.set(false);
        List<Pending> group = take();
        if (group.isEmpty()) {
            return;
        }
        persist(group);
        for (Pending p : group) {
            List<Runnable> acks;
            synchronized (inFlight) {
                acks = inFlight.remove(p.recordId());
            }
            if (acks == null) {
                continue;
            }
            if (holdAcks) {
                held.addAndGet(acks.size());
            } else {
                acks.forEach(Runnable::run);
            }
        }
    }

    private List<Pending> take() {
        List<Pending> group = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            group.add(p);
        }
        return group;
    }

    private void persist(List<Pending> group) {
        try {
            store.rememberAll(group.stream().map(Pending::recordId).toList(), clock.instant());
            groups.incrementAndGet(); // after the write: a caller that sees the count sees the ids stored
        } catch (RuntimeException e) {
            LOG.error("published ids not persisted, acking anyway: a redelivery after a crash would be published again [ids: {}]",
                    group.size(), e);
        }
    }

    /** Stopping: the record is on Kafka, so its id is kept; the broker ack is not sent and it redelivers. */
    private void persistWithoutAcks() {
        List<Pending> group = take();
        if (!group.isEmpty()) {
            persist(group);
        }
    }

    /** Writes and acks what is queued, then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("mqtt ack commit thread still busy at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persistWithoutAcks();
    }
}
