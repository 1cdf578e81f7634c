package org.bourtol.timeseries.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.influxdb.dto.Point;

/**
 * Points consumed but not yet accepted by InfluxDB, with the Kafka offsets they cover: the offsets are
 * committed only after the batch was written. Records that produce no point (undecodable, tombstones)
 * still advance the offsets. Not thread-safe: owned by the sink thread.
 */
final class PendingBatch {

    private final List<Point> points = new ArrayList<>();
    private final Map<String, Integer> perMeasurement = new HashMap<>();
    private final Map<TopicPartition, Long> firstOffset = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private final Map<String, Long> perTopic = new HashMap<>();
    private long startedNanos;

    void record(TopicPartition tp, long offset) {
        if (nextOffset.isEmpty()) {
            startedNanos = System.nanoTime();
        }
        firstOffset.putIfAbsent(tp, offset);
        nextOffset.put(tp, offset + 1);
        perTopic.merge(tp.topic(), 1L, Long::sum);
    }

    void add(String measurement, Point point) {
        points.add(point);
        perMeasurement.merge(measurement, 1, Integer::sum);
    }

    boolean isEmpty() {
        return nextOffset.isEmpty();
    }

    int size() {
        return points.size();
    }

    long ageNanos() {
        return isEmpty() ? 0 : System.nanoTime() - startedNanos;
    }

    List<Point> points() {
        return points;
    }

    Map<String, Integer> perMeasurement() {
        return perMeasurement;
    }

    long records(String topic) {
        return perTopic.getOrDefault(topic, 0L);
    }

    Map<TopicPartition, Long> firstOffsets() {
        return firstOffset;
    }

    /** The offsets to commit: the next offset to read per partition. */
    Map<TopicPartition, OffsetAndMetadata> commitOffsets() {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        nextOffset.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
        return m;
    }

    void clear() {
        points.clear();
        perMeasurement.clear();
        firstOffset.clear();
        nextOffset.clear();
        perTopic.clear();
    }
}
