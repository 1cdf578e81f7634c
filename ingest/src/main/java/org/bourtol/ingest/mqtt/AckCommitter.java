package org.bourtol.ingest.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bourtol.ingest.publish.SeenIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the ids of Kafka-acknowledged MQTT records durable before their broker acks go out (group
 * commit): ids queue up while the previous group is being written, then the whole group is appended
 * with one fsync ({@link SeenIds#rememberAll}) and its acks run, all on one thread, so neither Paho's
 * nor Kafka's threads wait for the disk. A redelivery after a crash in the window between Kafka's
 * acknowledgement and the broker ack therefore finds its id. The remaining window (a crash between Kafka's
 * acknowledgement and the fsync, a few milliseconds) can still yield a second record with the same id.
 */
final class AckCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AckCommitter.class);

    private record Pending(String recordId, Runnable ack) {
    }

    private final SeenIds store;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong groups = new AtomicLong();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-mqtt-commit");
        t.setDaemon(true);
        return t;
    });

    AckCommitter(SeenIds store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** True when the record was already acknowledged by Kafka (in this or an earlier process). */
    boolean committed(String recordId) {
        return store.contains(recordId, clock.instant());
    }

    /** Makes {@code recordId} durable, then runs {@code ack}; after {@link #close()} only the first happens. */
    void commit(String recordId, Runnable ack) {
        queue.add(new Pending(recordId, ack));
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                persistWithoutAcks();
            }
        }
    }

    /** Groups written so far (each with one fsync). */
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
            p.ack().run();
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
            groups.incrementAndGet();
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
