package org.bourtol.contracts.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A typed Kafka topic: its name (version in the name), serdes, partition count and whether it is
 * compacted (directories) or append-only (events).
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, boolean compacted) {
}
