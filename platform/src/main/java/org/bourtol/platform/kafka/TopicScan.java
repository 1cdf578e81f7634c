package org.bourtol.platform.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.topic.Topic;

/**
 * Reads a topic once from its log start to its current end, without a consumer group (assigned
 * partitions, nothing committed): what a backtest or a report computed from the topics needs. Values
 * are left as bytes; {@link #decode} reads one, skipping a corrupt record as the live consumers do.
 */
public final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private TopicScan() {
    }

    /**
     * Reads every partition of {@code topic} from its log start to its current end.
     *
     * @return the storage time of the oldest record still held in a partition that lost records to retention,
     *         or null when every partition still starts at offset 0 (nothing was ever deleted)
     * @throws IllegalStateException when the end is not reached within two minutes
     */
    public static Instant read(KafkaClients kafka, Topic<String, ?> topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic.name(), DEADLINE)) {
                parts.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, DEADLINE);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, DEADLINE));
            end.entrySet().removeIf(e -> e.getValue() <= begin.get(e.getKey()));
            Map<TopicPartition, Long> firstStored = new HashMap<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic.name() + " not read to its end within " + DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    firstStored.putIfAbsent(tp, r.timestamp());
                    each.accept(r);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            Long since = null;
            for (TopicPartition tp : parts) {
                if (begin.get(tp) > 0 && firstStored.containsKey(tp)) {
                    since = since == null ? firstStored.get(tp) : Math.max(since, firstStored.get(tp));
                }
            }
            return since == null ? null : Instant.ofEpochMilli(since);
        }
    }

    /** Every value of {@code topic} in storage order (null values and corrupt records skipped). */
    public static <V> List<V> values(KafkaClients kafka, Topic<String, V> topic) {
        List<V> out = new ArrayList<>();
        read(kafka, topic, r -> {
            V v = decode(topic, r);
            if (v != null) {
                out.add(v);
            }
        });
        return out;
    }

    /** The record's value, or null when it is a tombstone or cannot be read. */
    public static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> r) {
        return decode(topic, r.value());
    }

    /** A record value of {@code topic} as stored; null for a tombstone or a value that does not decode. */
    public static <V> V decode(Topic<String, V> topic, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
