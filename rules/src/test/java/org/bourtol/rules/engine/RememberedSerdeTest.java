package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;

class RememberedSerdeTest {

    private final RememberedSerde<Observation> serde = new RememberedSerde<>(Topics.OBSERVATIONS.valueSerde(), 2);
    private final Serializer<Observation> out = serde.serializer();
    private final Deserializer<Observation> in = serde.deserializer();

    private static Observation reading(int level) {
        Instant at = Instant.parse("2026-09-01T06:00:00Z").plusSeconds(level);
        return new GaugeReading("r-" + level, Source.MQTT, at, at, "MOPTI", true, "MOPTI", level);
    }

    @Test
    void theArrayItWroteReadsBackAsTheSameObject() {
        Observation o = reading(1);
        byte[] bytes = out.serialize("t", o);
        assertSame(o, in.deserialize("t", bytes));
        assertSame(o, in.deserialize("t", bytes));
    }

    @Test
    void anotherArrayIsDecodedAndThenRemembered() {
        Observation o = reading(1);
        byte[] copy = out.serialize("t", o).clone();
        Observation decoded = in.deserialize("t", copy);
        assertNotSame(o, decoded);
        assertEquals(o, decoded);
        assertSame(decoded, in.deserialize("t", copy));
    }

    @Test
    void remembersNoMoreThanItsCapacity() {
        List<Observation> written = new ArrayList<>();
        List<byte[]> arrays = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            written.add(reading(i));
            arrays.add(out.serialize("t", written.get(i)));
        }
        int same = 0;
        for (int i = 0; i < written.size(); i++) {
            Observation back = in.deserialize("t", arrays.get(i));
            assertEquals(written.get(i), back, "a value forgotten is decoded");
            if (back == written.get(i)) {
                same++;
            }
        }
        assertTrue(same <= 2, "at most two remembered, was " + same);
    }

    @Test
    void refusesACapacityThatIsNoPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RememberedSerde<>(Topics.OBSERVATIONS.valueSerde(), 3));
    }

    @Test
    void anotherThreadGetsTheSameObjectAndTombstonesStayNull() throws Exception {
        Observation o = reading(1);
        byte[] bytes = out.serialize("t", o);
        assertSame(o, CompletableFuture.supplyAsync(() -> in.deserialize("t", bytes)).get());
        assertNull(out.serialize("t", null));
        assertNull(in.deserialize("t", null));
    }

    /** An observation just read from its topic goes to the input store as the bytes it came from, and reads back equal. */
    @Test
    void anObservationJustReadIsWrittenAsTheBytesItCameFrom() {
        ReadBytes<Observation> topic = new ReadBytes<>(Topics.OBSERVATIONS.valueSerde(), 2);
        RememberedSerde<Observation> store = new RememberedSerde<>(Topics.OBSERVATIONS.valueSerde(), 2, topic::bytesOf);
        byte[] fromTopic = Topics.OBSERVATIONS.valueSerde().serializer().serialize("t", reading(1));
        Observation read = topic.deserializer().deserialize("t", fromTopic);
        assertSame(fromTopic, store.serializer().serialize("t", read), "no second serialisation");
        assertEquals(read, new RememberedSerde<>(Topics.OBSERVATIONS.valueSerde(), 2).deserializer().deserialize("t", fromTopic));
        Observation equalButNotRead = reading(1);
        assertNotSame(fromTopic, store.serializer().serialize("t", equalButNotRead), "recognised by identity only");
        topic.deserializer().deserialize("t", Topics.OBSERVATIONS.valueSerde().serializer().serialize("t", reading(2)));
        topic.deserializer().deserialize("t", Topics.OBSERVATIONS.valueSerde().serializer().serialize("t", reading(3)));
        assertNull(topic.bytesOf(read), "only the last few read are remembered");
        assertNotSame(fromTopic, store.serializer().serialize("t", read));
    }
}
