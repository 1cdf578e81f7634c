package org.bourtol.timeseries.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records not yet in InfluxDB: per assigned partition, the end offset minus the offset the sink last
 * committed (or, before its first commit, the first uncommitted record it holds, or its position).
 * Records held in a failing batch therefore count as lag. Not thread-safe: used by the sink thread.
 */
final class ConsumerLag {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    /** Asks the broker for end offsets (blocking, bounded); throws KafkaException when it cannot. */
    long measure(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> firstPending) {
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned, TIMEOUT);
        long total = 0;
        for (TopicPartition tp : assigned) {
            Long base = committed.get(tp);
            if (base == null) {
                base = firstPending.containsKey(tp) ? firstPending.get(tp) : c.position(tp, TIMEOUT);
            }
            total += Math.max(0, ends.getOrDefault(tp, base) - base);
        }
        return total;
    }
}
