package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the pending inputs of a family group that reads {@code bourtol.observations.v1} as it comes (not re-keyed by zone)
 * survive a restart without a changelog record per input. Each such input is already a committed record of the task's
 * partition of that topic, so its input store ({@code <inputs>-inputs}) has no changelog; instead:
 * <ul>
 * <li>an input the store still holds after {@link #MAX_UNLOGGED_RECORDS} more records of the partition, or
 * {@link #MAX_UNLOGGED_AGE} after it was taken, is logged in {@code <inputs>-aged} (a {@link LogOnlyStore}: the
 * changelog record only, the input store keeps the input; a tombstone when it is dropped) — a station that reports
 * rarely, whose newest reading is held until the next: the partition is not read back that far;</li>
 * <li>{@code <inputs>-from} (logged, written behind: one record per commit) holds the offset from which every input
 * the input store holds and the aged store does not is in the partition;</li>
 * <li>a task starting ({@link #restore}) puts the aged inputs back, then reads the partition from that offset up to
 * the task's committed offset and puts back the inputs a timeline of their key still needs, the same test as the
 * evaluator's drop.</li>
 * </ul>
 * The three stores' changelog records and the input offsets go out in the same transaction, so a restored task holds
 * what it held at its last commit (or more: an input the evaluator would have dropped later). About a third of the
 * rules' CPU per reading was that one changelog record (docs/performance.md). A task whose stores hold no offset yet,
 * where a build before this one logged the input store, reads that changelog once instead ({@link RulesEnv#withInputsLoggedBefore}).
 */
final class InputRecovery {

    /**
     * Records of the partition after which an input still held is logged: what a starting task reads again at most (a
     * second or two), and how many inputs {@link #unlogged} holds at most (about 190 bytes each: 47 MB).
     */
    static final int MAX_UNLOGGED_RECORDS = 250_000;
    /**
     * How long after it was taken an input still held is logged: well past any grace period a rule is likely to use (an
     * input is dropped once it is older than that), well inside the topic's retention (a day at least).
     */
    static final Duration MAX_UNLOGGED_AGE = Duration.ofHours(6);
    private static final String FROM = "from";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(InputRecovery.class);

    private final KeyValueStore<String, Observation> aged;
    private final KeyValueStore<String, Long> from;
    /** The inputs held and not logged, by input-store key, in the order they were taken (so by offset). */
    private final LinkedHashMap<String, Unlogged> unlogged = new LinkedHashMap<>();
    /** The offset of the last record of the partition processed or read again (-1: none yet). */
    private long last = -1;
    /** The offset last put in {@link #from} (-1: none). */
    private long written = -1;

    InputRecovery(KeyValueStore<String, Observation> aged, KeyValueStore<String, Long> from) {
        this.aged = aged;
        this.from = from;
    }

    /** The input under {@code storeKey}, of the record at {@code offset}, was put in the input store at {@code nowMs}. */
    void added(String storeKey, long offset, long nowMs) {
        unlogged.putIfAbsent(storeKey, new Unlogged(offset, nowMs)); // put again: its first record stands for it
    }

    /** The input under {@code storeKey} was dropped from the input store. */
    void dropped(String storeKey) {
        if (unlogged.remove(storeKey) == null) {
            aged.delete(storeKey); // logged (aged, or put back from the aged inputs): a tombstone
        }
    }

    /**
     * Logs the inputs taken long enough ago that {@code held} (by the input store) still, then notes from where the
     * partition holds the others; {@code offset} the record being processed (-1: none, a punctuation).
     */
    void age(long offset, long nowMs, Function<String, Observation> held) {
        last = Math.max(last, offset);
        long beforeMs = nowMs - MAX_UNLOGGED_AGE.toMillis();
        Iterator<Map.Entry<String, Unlogged>> it = unlogged.entrySet().iterator();
        Unlogged head = null;
        while (it.hasNext()) {
            Map.Entry<String, Unlogged> e = it.next();
            if (e.getValue().offset() >= last - MAX_UNLOGGED_RECORDS && e.getValue().atMs() >= beforeMs) {
                head = e.getValue();
                break;
            }
            it.remove();
            Observation o = held.apply(e.getKey());
            if (o != null) {
                aged.put(e.getKey(), o);
            }
        }
        long x = head != null ? head.offset() : last + 1;
        if (last >= 0 && x != written) {
            from.put(FROM, x);
            written = x;
        }
    }

    /**
     * Puts back the inputs a starting task held at its last commit into {@code inputs}: the aged ones, then those of the
     * records from the noted offset up to the task's committed one that {@code needed} (by a timeline of their key)
     * accepts; with none noted and {@code previousChangelog} (a build before this one logged the input store), that
     * changelog's inputs.
     */
    void restore(ProcessorContext<?, ?> context, PendingInputs inputs, BiPredicate<String, Observation> needed, String previousChangelog) {
        unlogged.clear();
        last = -1;
        written = -1;
        int back = 0;
        try (KeyValueIterator<String, Observation> it = aged.all()) {
            while (it.hasNext()) {
                KeyValue<String, Observation> kv = it.next();
                if (kv.value != null) {
                    inputs.putBack(kv.key, kv.value);
                    back++;
                }
            }
        }
        LogOnlyStore.forget(aged);
        Long x = from.get(FROM);
        if (x == null && back == 0 && previousChangelog != null) {
            migrate(context, inputs, previousChangelog);
            return;
        }
        if (x == null) {
            return;
        }
        written = x;
        long started = System.nanoTime();
        StreamsConfig config = new StreamsConfig(context.appConfigs());
        TopicPartition tp = new TopicPartition(Topics.OBSERVATIONS.name(), context.taskId().partition());
        long committed = committed(config, context.applicationId(), tp, context.taskId() + "-inputs-offset");
        if (committed < 0) {
            // noted in a transaction that committed offsets: they expired (the group idle past offsets.retention.minutes)
            LOG.warn("pending inputs not read back: the task has no committed offset [task: {}, from offset: {}]", context.taskId(), x);
            return;
        }
        int[] counts = new int[2]; // records read again, inputs still needed
        if (committed > x) {
            Deserializer<String> keys = Topics.OBSERVATIONS.keySerde().deserializer();
            Deserializer<Observation> values = Topics.OBSERVATIONS.valueSerde().deserializer();
            long now = context.currentSystemTimeMs();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(config, context.taskId() + "-inputs")) {
                consumer.assign(Set.of(tp));
                long first = consumer.beginningOffsets(Set.of(tp)).get(tp);
                if (first > x) {
                    LOG.warn("pending inputs older than the topic's retention are lost [task: {}, from offset: {}, first kept: {}]",
                            context.taskId(), x, first);
                }
                consumer.seek(tp, Math.max(x, first));
                readUntil(consumer, tp, committed, "pending inputs [task: " + context.taskId() + "]", r -> {
                    counts[0]++;
                    Observation o = read(values, r.value());
                    String key = r.key() == null ? null : keys.deserialize(tp.topic(), r.key());
                    if (o != null && key != null && needed.test(key, o)) {
                        String storeKey = Timeline.pendingKey(key, o);
                        inputs.putBack(storeKey, o);
                        added(storeKey, r.offset(), now);
                        counts[1]++;
                    }
                });
            }
            last = committed - 1;
        }
        LOG.info("pending inputs back [task: {}, aged: {}, records read again: {} (offsets {} to {}), still needed: {}, {} ms]",
                context.taskId(), back, counts[0], x, committed, counts[1], (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Reads {@code topic}, the input store's changelog of a build before this one, once: its inputs become aged ones,
     * and the task's committed offset is where the partition takes over.
     */
    private void migrate(ProcessorContext<?, ?> context, PendingInputs inputs, String topic) {
        StreamsConfig config = new StreamsConfig(context.appConfigs());
        TopicPartition tp = new TopicPartition(topic, context.taskId().partition());
        Map<String, Observation> latest = new HashMap<>();
        Deserializer<String> keys = Serdes.String().deserializer();
        Deserializer<Observation> values = Topics.OBSERVATIONS.valueSerde().deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config, context.taskId() + "-migrate")) {
            if (consumer.partitionsFor(topic, READ_TIMEOUT).stream().noneMatch(p -> p.partition() == tp.partition())) {
                return; // the previous build had fewer partitions: nothing of this task's
            }
            consumer.assign(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            consumer.seekToBeginning(Set.of(tp));
            readUntil(consumer, tp, end, "the previous input changelog [task: " + context.taskId() + "]", r -> {
                if (r.key() != null) {
                    latest.put(keys.deserialize(topic, r.key()), read(values, r.value()));
                }
            });
        }
        int moved = 0;
        for (Map.Entry<String, Observation> e : latest.entrySet()) {
            if (e.getValue() != null) {
                inputs.putBack(e.getKey(), e.getValue());
                aged.put(e.getKey(), e.getValue());
                moved++;
            }
        }
        long committed = committed(config, context.applicationId(), new TopicPartition(Topics.OBSERVATIONS.name(), tp.partition()),
                context.taskId() + "-inputs-offset");
        last = Math.max(-1, committed - 1);
        if (committed > 0) {
            from.put(FROM, committed);
            written = committed;
        }
        LOG.info("pending inputs taken over from the previous build's changelog [task: {}, topic: {}, inputs: {}]", context.taskId(), topic, moved);
    }

    /** Reads {@code tp} from the consumer's position up to {@code end}, each record to {@code each}, within {@link #READ_TIMEOUT}. */
    private static void readUntil(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long end, String what,
                                  Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(tp) < end) {
            if (System.nanoTime() > deadline) {
                throw new StreamsException(what + " not read within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end) {
                    each.accept(r);
                }
            }
        }
    }

    private static Observation read(Deserializer<Observation> values, byte[] bytes) {
        try {
            return bytes == null ? null : values.deserialize(Topics.OBSERVATIONS.name(), bytes);
        } catch (RuntimeException e) {
            return null; // skipped when it was processed too (CorruptRecordHandler)
        }
    }

    /**
     * The task's committed offset of {@code tp} (-1: none), asked for as the application's consumer group by a consumer
     * that does not join it: read_committed, so an offset in a transaction still open is waited for (the consumer retries
     * on {@code UNSTABLE_OFFSET_COMMIT}; Kafka's admin client skips such a partition instead).
     */
    private static long committed(StreamsConfig config, String applicationId, TopicPartition tp, String clientId) {
        Map<String, Object> props = consumerProps(config, clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            OffsetAndMetadata o = consumer.committed(Set.of(tp), READ_TIMEOUT).get(tp);
            return o == null ? -1 : o.offset();
        } catch (RuntimeException e) {
            throw new StreamsException("the committed offset of " + tp + " not readable", e);
        }
    }

    /** A consumer like Kafka Streams' restore consumer (read_committed, no group), never creating a topic. */
    private static KafkaConsumer<byte[], byte[]> consumer(StreamsConfig config, String clientId) {
        return new KafkaConsumer<>(consumerProps(config, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> consumerProps(StreamsConfig config, String clientId) {
        Map<String, Object> props = config.getRestoreConsumerConfigs(clientId);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the committed offset is past the last transaction's marker, which a fetch does not wait for as for data: without
        // this each read-back waited the default 500 ms at its end
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    /** An input held and not logged: its record's offset, when it was taken. */
    private record Unlogged(long offset, long atMs) {
    }
}
