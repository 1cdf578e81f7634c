package org.bourtol.launcher.instance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.testkit.Poll;

/** Reads a running platform's audit topic from its beginning to its current end (tests). */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** The audit entries of one key ("entity/id"), oldest first. */
    public static List<AuditEntry> of(Instance p, String key) {
        try (KafkaConsumer<String, AuditEntry> consumer = new KafkaConsumer<>(p.kafka().consumer(null),
                Topics.AUDIT.keySerde().deserializer(), Topics.AUDIT.valueSerde().deserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(Topics.AUDIT.name(), 0));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = consumer.endOffsets(parts).get(parts.get(0));
            List<AuditEntry> found = new ArrayList<>();
            Poll.until(Duration.ofSeconds(30), "audit topic read to its end", () -> {
                for (ConsumerRecord<String, AuditEntry> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r.value());
                    }
                }
                return consumer.position(parts.get(0)) >= end;
            });
            return found;
        }
    }
}
