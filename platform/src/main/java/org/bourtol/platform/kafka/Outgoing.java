package org.bourtol.platform.kafka;

import org.bourtol.contracts.topic.Topic;

/** One record ready for Kafka: topic name and serialized key and value (the form kept in the spool). */
public record Outgoing(String topic, byte[] key, byte[] value) {

    public static <K, V> Outgoing of(Topic<K, V> topic, K key, V value) {
        byte[] k = key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return new Outgoing(topic.name(), k, v);
    }
}
