package org.bourtol.simulator.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic from its end at construction time (no consumer group, nothing committed) on a
 * {@link TopicFollower}, keeping every record with the wall time it was seen. Records that do not
 * deserialize are skipped (and counted).
 */
public final class TopicTail<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    /** A record and when the simulator saw it. */
    public record Seen<V>(V value, Instant seenAt) {
    }

    private final Topic<String, V> topic;
    // appended by the follower's thread, copied for readers under its lock: a copy-on-write list copied itself on every
    // record, quadratic in a long tail (40,000 records held the bench's reader for seconds)
    private final List<Seen<V>> seen = new ArrayList<>();
    private final Consumer<Seen<V>> listener;
    private final TopicFollower follower;
    private volatile int corrupt;

    public TopicTail(KafkaClients kafka, Topic<String, V> topic, Consumer<Seen<V>> listener) {
        this.topic = topic;
        this.listener = listener;
        Properties props = kafka.consumer(null);
        props.put("enable.metrics.push", false);
        this.follower = new TopicFollower(props, topic.name(), TopicFollower.From.END, this::apply).start();
        if (!follower.awaitCaughtUp(Duration.ofSeconds(30))) {
            follower.close();
            throw new IllegalStateException("topic " + topic.name() + " could not be followed within 30 s");
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        V value;
        try {
            value = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
        } catch (RuntimeException e) {
            corrupt++;
            return;
        }
        if (value == null) {
            return;
        }
        Seen<V> s = new Seen<>(value, Instant.now());
        synchronized (seen) {
            seen.add(s);
        }
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("listener failed [topic: {}, error: {}]", topic.name(), e.toString());
        }
    }

    public List<Seen<V>> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Records seen so far (cheap: no copy). */
    public int count() {
        synchronized (seen) {
            return seen.size();
        }
    }

    public int corrupt() {
        return corrupt;
    }

    @Override
    public void close() {
        follower.close();
    }
}
