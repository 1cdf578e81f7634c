package org.bourtol.platform.kafka;

import org.bourtol.contracts.topic.Topic;

/** One record ready for Kafka: topic name and serialized key and value (the form kept in the spool). */
public record Outgoing(String topic, byte[] key, byte[] value) {

    public static <K, V> Outgoing of(Topic<K, V> topic, K key, V value) {
        return new Outgoing(topic.name(), topic.keyBytes(key), topic.valueBytes(value));
    }
}
