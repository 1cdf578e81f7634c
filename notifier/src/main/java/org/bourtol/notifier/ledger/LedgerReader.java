package org.bourtol.notifier.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code bourtol.deliveries.v1} from the beginning into a {@link Ledger} on its own thread, and
 * keeps following it (the other instance's records, status updates). {@link #awaitEnd} waits until
 * everything written before the call has been read: a new owner calls it before deciding anything.
 */
public final class LedgerReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);

    private final Ledger ledger;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiters = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LedgerReader(KafkaClients clients, Ledger ledger) {
        this.ledger = ledger;
        this.consumer = new KafkaConsumer<>(clients.consumer(null));
        this.thread = new Thread(this::run, "notifier-ledger");
        this.thread.setDaemon(true);
    }

    public LedgerReader start() {
        thread.start();
        return this;
    }

    /** Blocks until the records present in the topic when called have been applied. */
    public boolean awaitEnd(Duration timeout) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiters.add(f);
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
        String topic = Topics.DELIVERIES.name();
        try {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> target = null;
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    apply(r);
                }
                if (target == null && !waiters.isEmpty()) {
                    for (CompletableFuture<Void> w; (w = waiters.poll()) != null; ) {
                        batch.add(w);
                    }
                    target = consumer.endOffsets(parts);
                }
                if (target != null && target.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    batch.forEach(f -> f.complete(null));
                    batch.clear();
                    target = null;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("ledger reader woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("ledger reader failed [topic: {}]", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            ledger.apply(Topics.DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            LOG.warn("unreadable delivery record skipped [offset: {}, reason: {}]", r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
