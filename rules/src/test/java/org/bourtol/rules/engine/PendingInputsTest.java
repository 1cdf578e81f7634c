package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingInputsTest {

    private static final Instant T = Instant.parse("2025-08-01T06:00:00Z");
    private KeyValueStore<String, Observation> store;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(LazyRangeStore.supplier("inputs"), Serdes.String(), Topics.OBSERVATIONS.valueSerde())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static Observation reading(String station, int minutes) {
        return Fixtures.gauge(station, 500 + minutes, T.plusSeconds(60L * minutes));
    }

    private List<Observation> inputs(PendingInputs pending, String key) {
        List<Observation> out = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = pending.range(Timeline.pendingPrefix(key), Timeline.pendingEnd(key))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    @Test
    void aKeyWithoutInputsHasNoneBeforeAnyTime() {
        PendingInputs pending = new PendingInputs(store);
        assertFalse(pending.anyBefore("niamey", Instant.MAX));
        assertFalse(pending.contains("niamey", reading("niamey", 0)));
    }

    @Test
    void theSpanFollowsAddedInputsOlderAndNewer() {
        PendingInputs pending = new PendingInputs(store);
        assertFalse(pending.anyBefore("niamey", T.plusSeconds(3600)), "the span is read (empty) before the first input");
        pending.add("niamey", reading("niamey", 10));
        assertFalse(pending.anyBefore("niamey", T.plusSeconds(600)));
        assertTrue(pending.anyBefore("niamey", T.plusSeconds(601)));
        pending.add("niamey", reading("niamey", 5));
        assertTrue(pending.anyBefore("niamey", T.plusSeconds(301)));
        assertFalse(pending.anyBefore("niamey", T.plusSeconds(300)));
        assertTrue(pending.contains("niamey", reading("niamey", 5)));
        assertTrue(pending.contains("niamey", reading("niamey", 10)));
        assertFalse(pending.contains("niamey", reading("niamey", 11)), "newer than every kept input");
        assertFalse(pending.contains("niamey", reading("niamey", 7)), "inside the span but not kept");
        assertFalse(pending.anyBefore("mopti", Instant.MAX), "another key's inputs are not its own");
    }

    @Test
    void aSpanIsReadFromWhatTheStoreKeeps() {
        PendingInputs first = new PendingInputs(store);
        first.add("niamey", reading("niamey", 10));
        first.add("niamey", reading("niamey", 20));
        first.add("mopti", reading("mopti", 1));
        PendingInputs revived = new PendingInputs(store); // a task's processor initialised again over its restored store
        assertTrue(revived.contains("niamey", reading("niamey", 20)));
        assertTrue(revived.anyBefore("niamey", T.plusSeconds(601)));
        assertFalse(revived.anyBefore("niamey", T.plusSeconds(600)));
        assertEquals(2, inputs(revived, "niamey").size());
    }

    @Test
    void droppingInputsMovesTheSpan() {
        PendingInputs pending = new PendingInputs(store);
        for (int m = 1; m <= 3; m++) {
            pending.add("niamey", reading("niamey", m));
        }
        assertTrue(pending.anyBefore("niamey", T.plusSeconds(61)));
        pending.drop("niamey", List.of(Timeline.pendingKey("niamey", reading("niamey", 1))));
        assertFalse(pending.anyBefore("niamey", T.plusSeconds(120)));
        assertTrue(pending.anyBefore("niamey", T.plusSeconds(121)));
        assertFalse(pending.contains("niamey", reading("niamey", 1)));
        pending.drop("niamey", List.of(Timeline.pendingKey("niamey", reading("niamey", 2)), Timeline.pendingKey("niamey", reading("niamey", 3))));
        assertFalse(pending.anyBefore("niamey", Instant.MAX));
        assertEquals(List.of(), inputs(pending, "niamey"));
        pending.add("niamey", reading("niamey", 2));
        assertTrue(pending.contains("niamey", reading("niamey", 2)));
        assertTrue(pending.anyBefore("niamey", T.plusSeconds(121)));
        assertFalse(pending.anyBefore("niamey", T.plusSeconds(120)));
    }
}
