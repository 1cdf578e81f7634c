package org.bourtol.simulator.truth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic from its end at construction time (no consumer group, nothing committed) on a
 * daemon thread, keeping every record with the wall time it was seen. Records that do not
 * deserialize are skipped (and counted).
 */
public final class TopicTail<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    /** A record and when the simulator saw it. */
    public record Seen<V>(V value, Instant seenAt) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, V> topic;
    private final List<Seen<V>> seen = new CopyOnWriteArrayList<>();
    private final Consumer<Seen<V>> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int corrupt;

    public TopicTail(KafkaClients kafka, Topic<String, V> topic, Consumer<Seen<V>> listener) {
        this.topic = topic;
        this.listener = listener;
        java.util.Properties props = kafka.consumer(null);
        props.put("enable.metrics.push", false);
        this.consumer = new KafkaConsumer<>(props);
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        this.thread = new Thread(this::run, "sim-tail-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    V value;
                    try {
                        value = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    } catch (RuntimeException e) {
                        corrupt++;
                        continue;
                    }
                    if (value == null) {
                        continue;
                    }
                    Seen<V> s = new Seen<>(value, Instant.now());
                    seen.add(s);
                    try {
                        listener.accept(s);
                    } catch (RuntimeException e) {
                        LOG.warn("listener failed [topic: {}, error: {}]", topic.name(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public List<Seen<V>> seen() {
        return List.copyOf(seen);
    }

    /** Records seen so far (cheap: no copy). */
    public int count() {
        return seen.size();
    }

    public int corrupt() {
        return corrupt;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
