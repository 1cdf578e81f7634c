package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.bourtol.rules.RulesTopology;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-behind layer under exactly-once against a real broker, with the rules' Streams properties: every
 * transaction that commits input offsets also carries the changelog record of the state those inputs made. The
 * Streams producer is wrapped to record, in order, each changelog record sent, each offset commit and each transaction
 * commit; a layer that wrote its values after the transaction (a flush hooked in the wrong place) would send the last
 * value in the next transaction, and this fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WriteBehindStoreIT {

    private static final String STORE = "hot";
    private static final int INPUTS = 300;

    @Test
    void everyCommittedTransactionCarriesTheStateOfTheInputsItCommits(@TempDir Path dir) throws Exception {
        String app = "write-behind-it-" + UUID.randomUUID();
        String in = app + "-in";
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Admin admin = Admin.create(SharedKafka.clients().common())) {
            admin.createTopics(List.of(new NewTopic(in, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            StreamsBuilder b = new StreamsBuilder();
            b.addStateStore(WriteBehindStore.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                    Serdes.String())));
            b.stream(in, Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
                private KeyValueStore<String, String> store;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    store = context.getStateStore(STORE);
                }

                @Override
                public void process(Record<String, String> record) {
                    store.put("key", record.value()); // every input rewrites the one key
                }
            }, STORE);
            try (KafkaStreams streams = new KafkaStreams(b.build(), RulesTopology.properties(SharedKafka.clients().common(), app, dir),
                    recording(app + "-" + STORE + "-changelog", log));
                    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.clients().producer("write-behind-it"),
                            new ByteArraySerializer(), new ByteArraySerializer())) {
                streams.start();
                Poll.until(Duration.ofSeconds(60), "the streams running", () -> streams.state() == KafkaStreams.State.RUNNING);
                TopicPartition tp = new TopicPartition(in, 0);
                for (int i = 0; i < INPUTS; i++) {
                    producer.send(new ProducerRecord<>(in, "k".getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8)));
                    if (i % 50 == 49) { // a batch at a time, each committed before the next: several transactions
                        producer.flush();
                        long end = i + 1;
                        Poll.until(Duration.ofSeconds(60), "inputs up to " + end + " committed", () -> committed(admin, app, tp) == end);
                    }
                }
            }
        }
        List<String> events = List.copyOf(log);
        int transactions = 0;
        String lastLogged = null;
        long lastOffsets = -1;
        for (String e : events) {
            if (e.startsWith("log ")) {
                lastLogged = e.substring(4);
            } else if (e.startsWith("offsets ")) {
                lastOffsets = Long.parseLong(e.substring(8));
            } else if (e.equals("commit")) {
                if (lastOffsets > 0) {
                    transactions++;
                    assertEquals("v" + (lastOffsets - 1), lastLogged, "the transaction committing input offset " + lastOffsets
                            + " carries the state of its last input: " + events);
                }
                lastLogged = null;
                lastOffsets = -1;
            }
        }
        assertTrue(transactions >= 2, "several transactions: " + events);
        assertTrue(events.stream().filter(e -> e.startsWith("log ")).count() < INPUTS / 2,
                "one changelog record per commit, not per input: " + events);
    }

    /** The consumer group's committed offset on {@code tp}, -1 when none (or not known yet). */
    private static long committed(Admin admin, String group, TopicPartition tp) {
        try {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
            return o == null ? -1 : o.offset();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            return -1;
        }
    }

    /** The default clients, the producers wrapped to record the changelog records, offset commits and commits of {@code changelog}. */
    private static KafkaClientSupplier recording(String changelog, List<String> log) {
        DefaultKafkaClientSupplier clients = new DefaultKafkaClientSupplier();
        return new KafkaClientSupplier() {
            @Override
            public Admin getAdmin(Map<String, Object> config) {
                return clients.getAdmin(config);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
                Producer<byte[], byte[]> real = clients.getProducer(config);
                return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "send" -> {
                                    ProducerRecord<byte[], byte[]> r = (ProducerRecord<byte[], byte[]>) args[0];
                                    if (r.topic().equals(changelog) && r.value() != null) {
                                        log.add("log " + new String(r.value(), StandardCharsets.UTF_8));
                                    }
                                }
                                case "sendOffsetsToTransaction" -> ((Map<TopicPartition, OffsetAndMetadata>) args[0]).values()
                                        .forEach(o -> log.add("offsets " + o.offset()));
                                case "commitTransaction" -> log.add("commit");
                                default -> {
                                }
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
                return clients.getConsumer(config);
            }

            @Override
            public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
                return clients.getRestoreConsumer(config);
            }

            @Override
            public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
                return clients.getGlobalConsumer(config);
            }
        };
    }
}
