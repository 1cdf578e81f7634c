package org.bourtol.contracts.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A typed Kafka topic: its name (version in the name), serdes, partition count and whether it is
 * compacted (directories) or append-only (events).
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, boolean compacted) {

    /** The key as written to this topic (null stays null). The one place a key is serialized. */
    public byte[] keyBytes(K key) {
        return key == null ? null : keySerde.serializer().serialize(name, key);
    }

    /** The value as written to this topic (null, a tombstone, stays null). The one place a value is serialized. */
    public byte[] valueBytes(V value) {
        return value == null ? null : valueSerde.serializer().serialize(name, value);
    }
}
