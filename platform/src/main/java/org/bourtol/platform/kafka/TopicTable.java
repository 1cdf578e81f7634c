package org.bourtol.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory table of a keyed topic: the directories (zones, rules, recipients, reporters, tokens)
 * and keyed event topics alike (e.g. the alerts topic, the latest state per alert id). A dedicated thread reads the topic from the beginning without a consumer group and keeps the
 * latest value per key; a null value removes the key. Listeners are called on that thread with
 * (key, value-or-null). Unreadable records are logged and skipped. {@link #awaitCaughtUp} waits
 * until the end offsets seen at start have been read, so a component starts with a complete view.
 */
public final class TopicTable<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);

    private final Topic<String, V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public TopicTable(KafkaClients clients, Topic<String, V> topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(clients.consumer(null));
        this.thread = new Thread(this::run, "directory-" + topic.name());
        this.thread.setDaemon(true);
    }

    public TopicTable<V> onChange(BiConsumer<String, V> listener) {
        listeners.add(listener);
        return this;
    }

    public TopicTable<V> start() {
        thread.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Map<String, V> all() {
        return Map.copyOf(values);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("directory loaded [topic: {}, entries: {}]", topic.name(), values.size());
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("directory reader woken unexpectedly [topic: {}]", topic.name(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("directory reader failed [topic: {}]", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
        if (key == null) {
            LOG.warn("directory record without key skipped [topic: {}, offset: {}]", topic.name(), r.offset());
            return;
        }
        V value;
        try {
            value = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
        } catch (RuntimeException e) {
            LOG.warn("unreadable directory record skipped [topic: {}, key: {}, offset: {}, reason: {}]",
                    topic.name(), key, r.offset(), e.getMessage());
            return;
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        for (BiConsumer<String, V> l : listeners) {
            try {
                l.accept(key, value);
            } catch (RuntimeException e) {
                LOG.error("directory listener failed [topic: {}, key: {}]", topic.name(), key, e);
            }
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
