package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind layer in a real Kafka Streams task (the test driver commits after every input, through the same
 * {@code StreamTask.prepareCommit} as a running application): a key written at every step reaches the changelog once per
 * commit with its last value, reads and scans see what is not logged yet, deletes are logged as tombstones, a burst of
 * keys beyond the bound is written down before the commit, and work thrown away is not written at all.
 */
class WriteBehindStoreTest {

    private static final String STORE = "notes";
    private static final String CHANGELOG = "wb-test-" + STORE + "-changelog";

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> changelog;

    /** A topology whose one processor does {@code step} with the store for each input. */
    private void start(BiConsumer<KeyValueStore<String, String>, Record<String, String>> step) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(WriteBehindStore.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                Serdes.String())));
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, String> record) {
                step.accept(store, record);
            }
        }, STORE);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "wb-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        driver = new TopologyTestDriver(b.build(), p);
        in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        changelog = driver.createOutputTopic(CHANGELOG, Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aKeyWrittenAtEveryStepIsLoggedOncePerCommitWithItsLastValue() {
        List<String> readBack = new ArrayList<>();
        start((store, r) -> {
            for (int i = 1; i <= 50; i++) {
                store.put("hot", r.value() + "-" + i);
                readBack.add(store.get("hot"));
            }
        });
        in.pipeInput("k", "first");
        assertEquals(List.of(KeyValue.pair("hot", "first-50")), changelog.readKeyValuesToList());
        in.pipeInput("k", "second");
        assertEquals(List.of(KeyValue.pair("hot", "second-50")), changelog.readKeyValuesToList());
        assertEquals("second-50", driver.<String, String>getKeyValueStore(STORE).get("hot"));
        assertEquals(100, readBack.size());
        assertEquals("first-7", readBack.get(6)); // each read saw the write just before it
    }

    @Test
    void scansSeeWhatIsNotLoggedYet() {
        List<String> scanned = new ArrayList<>();
        start((store, r) -> {
            store.put("a", "1");
            store.put("b", "2");
            store.put("c", "3");
            store.delete("b");
            try (KeyValueIterator<String, String> it = store.range("a", "z")) {
                it.forEachRemaining(kv -> scanned.add(kv.key + "=" + kv.value));
            }
            store.put("a", "4"); // after the scan: logged at the commit
        });
        in.pipeInput("k", "x");
        assertEquals(List.of("a=1", "c=3"), scanned);
        List<KeyValue<String, String>> logged = changelog.readKeyValuesToList();
        // the scan wrote down a, b (a tombstone: put then deleted) and c; the commit then the second a
        assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", null), KeyValue.pair("c", "3"), KeyValue.pair("a", "4")), logged);
    }

    @Test
    void aDeleteOfALoggedKeyIsATombstoneAndReadsNothing() {
        List<String> seen = new ArrayList<>();
        start((store, r) -> {
            if (r.value().equals("put")) {
                store.put("a", "1");
            } else {
                seen.add(store.delete("a"));
                seen.add(String.valueOf(store.get("a")));
            }
        });
        in.pipeInput("k", "put");
        in.pipeInput("k", "delete");
        assertEquals(List.of("1", "null"), seen);
        assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("a", null)), changelog.readKeyValuesToList());
        assertNull(driver.<String, String>getKeyValueStore(STORE).get("a"));
    }

    @Test
    void aBurstOfKeysBeyondTheBoundIsWrittenDownBeforeTheCommit() {
        int keys = WriteBehindStore.MAX_PENDING + 5;
        start((store, r) -> {
            for (int i = 0; i < keys; i++) {
                store.put("k" + i, "v" + i);
            }
        });
        in.pipeInput("k", "x");
        List<KeyValue<String, String>> logged = changelog.readKeyValuesToList();
        assertEquals(keys, logged.size());
        assertEquals(KeyValue.pair("k" + (keys - 1), "v" + (keys - 1)), logged.get(keys - 1));
        assertEquals(keys, driver.<String, String>getKeyValueStore(STORE).approximateNumEntries());
    }

    @Test
    void workThrownAwayIsNeverWritten() {
        KeyValueStore<String, String> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                Serdes.String()).withLoggingDisabled().build();
        WriteBehindStore<String, String> store = new WriteBehindStore<>(inner);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put("kept", "1");
        store.flushCache();
        store.put("kept", "2");
        store.put("dropped", "3");
        assertEquals("2", store.get("kept"));
        store.clearCache(); // what Kafka Streams does to a task whose transaction is aborted
        assertEquals("1", store.get("kept"));
        assertNull(store.get("dropped"));
        assertEquals("1", inner.get("kept"));
        store.close();
    }
}
