package org.bourtol.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory table of a keyed topic: the directories (zones, rules, recipients, reporters, tokens)
 * and keyed event topics alike (e.g. the alerts topic, the latest state per alert id). A {@link TopicFollower}
 * reads the topic from the beginning without a consumer group and keeps the
 * latest value per key; a null value removes the key. Listeners are called on that thread with
 * (key, value-or-null). Unreadable records are logged and skipped. {@link #awaitCaughtUp} waits
 * until the end offsets seen at start have been read, so a component starts with a complete view. The tables of one
 * topic in one process parse each record once ({@link DecodedRecords}).
 */
public final class TopicTable<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);

    private final Topic<String, V> topic;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, V>> listeners = new CopyOnWriteArrayList<>();
    private final TopicFollower follower;

    public TopicTable(KafkaClients clients, Topic<String, V> topic) {
        this.topic = topic;
        this.follower = new TopicFollower(clients.consumer(null), topic.name(), TopicFollower.From.BEGINNING, this::apply);
    }

    public TopicTable<V> onChange(BiConsumer<String, V> listener) {
        listeners.add(listener);
        return this;
    }

    public TopicTable<V> start() {
        follower.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) {
        boolean done = follower.awaitCaughtUp(timeout);
        if (done) {
            LOG.info("directory loaded [topic: {}, entries: {}]", topic.name(), values.size());
        }
        return done;
    }

    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Map<String, V> all() {
        return Map.copyOf(values);
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
        if (key == null) {
            LOG.warn("directory record without key skipped [topic: {}, offset: {}]", topic.name(), r.offset());
            return;
        }
        V value;
        try {
            value = r.value() == null ? null
                    : DecodedRecords.SHARED.value(topic, r.partition(), r.offset(), r.value(),
                            () -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
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
        follower.close();
    }
}
