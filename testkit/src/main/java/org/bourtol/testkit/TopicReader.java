package org.bourtol.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.platform.kafka.KafkaClients;

/** Reads everything currently in a topic (from the beginning to the end offsets), without a group. */
public final class TopicReader {

    private TopicReader() {
    }

    public static <V> List<V> values(KafkaClients clients, Topic<String, V> topic) {
        List<V> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : raw(clients, topic.name())) {
            if (r.value() != null) {
                out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
            }
        }
        return out;
    }

    public static List<ConsumerRecord<byte[], byte[]>> raw(KafkaClients clients, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clients.consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
