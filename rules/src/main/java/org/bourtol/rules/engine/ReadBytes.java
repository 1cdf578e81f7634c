package org.bourtol.rules.engine;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value serde that remembers, for the last few values it read, the bytes each came from, so that a store keeping the
 * value as it was read (the pending inputs: every observation a family takes is written to its input store right after
 * it was read from its topic) writes those bytes instead of serialising the value again ({@link #bytesOf}). The bytes
 * read back as the same value: they are what this serde's own deserializer made it from. Values are recognised by
 * identity; a value not read lately (or one read by another stream thread since) is simply serialised. Shared by the
 * stream threads of one topology, under a lock.
 */
final class ReadBytes<T> implements Serde<T> {

    private final Serde<T> inner;
    private final Object[] values;
    private final byte[][] bytes;
    private int next;

    /** @param capacity how many values read last are remembered (the ones a processor writes right after reading) */
    ReadBytes(Serde<T> inner, int capacity) {
        this.inner = inner;
        this.values = new Object[capacity];
        this.bytes = new byte[capacity][];
    }

    @Override
    public Serializer<T> serializer() {
        return inner.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> d = inner.deserializer();
        return (topic, data) -> {
            T value = d.deserialize(topic, data);
            if (value != null) {
                synchronized (this) {
                    values[next] = value;
                    bytes[next] = data;
                    next = (next + 1) % values.length;
                }
            }
            return value;
        };
    }

    /** The bytes {@code value} was read from, if it is one of the last values read; else null. */
    synchronized byte[] bytesOf(T value) {
        for (int i = 1; i <= values.length; i++) {
            int slot = Math.floorMod(next - i, values.length);
            if (values[slot] == value) {
                return bytes[slot];
            }
        }
        return null;
    }
}
