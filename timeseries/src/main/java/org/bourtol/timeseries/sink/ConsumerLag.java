package org.bourtol.timeseries.sink;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Records not yet in InfluxDB: per assigned partition, the end offset minus the first record the
 * sink holds in an unwritten batch or, when it holds none, minus its position. The position (not the
 * last committed offset) is the right base because transactional producers (Kafka Streams with
 * exactly-once) leave commit markers that take an offset but are never delivered as records.
 */
final class ConsumerLag {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ConsumerLag() {
    }

    /** Asks the broker for end offsets (blocking, bounded); throws KafkaException when it cannot. */
    static long measure(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> firstPending) {
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned, TIMEOUT);
        long total = 0;
        for (TopicPartition tp : assigned) {
            Long first = firstPending.get(tp);
            long base = first != null ? first : c.position(tp, TIMEOUT);
            total += Math.max(0, ends.getOrDefault(tp, base) - base);
        }
        return total;
    }
}
