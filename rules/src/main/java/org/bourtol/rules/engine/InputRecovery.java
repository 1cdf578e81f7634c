package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
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
 * {@link #MAX_UNLOGGED_AGE} after it was taken, is copied to {@code <inputs>-aged}, a logged store (a station that
 * reports rarely, whose newest reading is held until the next): the partition is not read back that far;</li>
 * <li>{@code <inputs>-from} (logged, written behind: one record per commit) holds the offset from which every input
 * the input store holds and the aged store does not is in the partition;</li>
 * <li>a task starting ({@link #restore}) puts the aged inputs back, then reads the partition from that offset up to
 * the task's committed offset and puts back the inputs a timeline of their key still needs, the same test as the
 * evaluator's drop.</li>
 * </ul>
 * The three stores' changelog records and the input offsets go out in the same transaction, so a restored task holds
 * what it held at its last commit (or more: an input the evaluator would have dropped later). About a third of the
 * rules' CPU per reading was that one changelog record (docs/performance.md). A task whose stores hold no offset yet,
 * where a build before this one logged the input store, reads that changelog once instead ({@link RulesEnv#withPreviousInputChangelogs}).
 */
final class InputRecovery {

    /** Records of the partition after which an input still held is logged: what a starting task reads again at most. */
    static final int MAX_UNLOGGED_RECORDS = 50_000;
    /** How long after it was taken an input still held is logged (far inside the topic's retention). */
    static final Duration MAX_UNLOGGED_AGE = Duration.ofHours(1);
    private static final String FROM = "from";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(InputRecovery.class);

    private final KeyValueStore<String, Observation> aged;
    private final KeyValueStore<String, Long> from;
    /** Inputs taken in this task and not logged, in offset order (those dropped since leave when they reach the head). */
    private final ArrayDeque<Unlogged> unlogged = new ArrayDeque<>();
    /** The entry of {@link #unlogged} that stands for each input-store key held and not logged. */
    private final Map<String, Unlogged> byKey = new HashMap<>();
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
        Unlogged u = new Unlogged(storeKey, offset, nowMs);
        unlogged.addLast(u);
        byKey.put(storeKey, u);
    }

    /** The input under {@code storeKey} was dropped from the input store. */
    void dropped(String storeKey) {
        Unlogged u = byKey.remove(storeKey);
        if (u != null) {
            u.gone = true;
        } else if (aged.get(storeKey) != null) {
            aged.delete(storeKey);
        }
    }

    /**
     * Logs the inputs taken long enough ago that {@code held} (by the input store) still, then notes from where the
     * partition holds the others; {@code offset} the record being processed (-1: none, a punctuation).
     */
    void age(long offset, long nowMs, Function<String, Observation> held) {
        last = Math.max(last, offset);
        long beforeMs = nowMs - MAX_UNLOGGED_AGE.toMillis();
        Unlogged head;
        while ((head = unlogged.peekFirst()) != null
                && (head.gone || head.offset < last - MAX_UNLOGGED_RECORDS || head.atMs < beforeMs)) {
            unlogged.removeFirst();
            if (!head.gone && byKey.get(head.storeKey) == head) { // not put again since (a later entry stands for it)
                byKey.remove(head.storeKey);
                Observation o = held.apply(head.storeKey);
                if (o != null) {
                    aged.put(head.storeKey, o);
                }
            }
        }
        long x = head != null ? head.offset : last + 1;
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
        byKey.clear();
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
        long committed = committed(config, context.applicationId(), tp);
        int read = 0;
        int kept = 0;
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
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (consumer.position(tp) < committed) {
                    if (System.nanoTime() > deadline) {
                        throw new StreamsException("pending inputs not read back within " + READ_TIMEOUT + " [task: " + context.taskId() + "]");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() >= committed) {
                            break;
                        }
                        read++;
                        Observation o = read(values, r.value());
                        String key = r.key() == null ? null : keys.deserialize(tp.topic(), r.key());
                        if (o != null && key != null && needed.test(key, o)) {
                            String storeKey = Timeline.pendingKey(key, o);
                            inputs.putBack(storeKey, o);
                            added(storeKey, r.offset(), now);
                            kept++;
                        }
                    }
                }
            }
            last = committed - 1;
        }
        LOG.info("pending inputs back [task: {}, aged: {}, records read again: {} (offsets {} to {}), still needed: {}, {} ms]",
                context.taskId(), back, read, x, committed, kept, (System.nanoTime() - started) / 1_000_000);
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
            consumer.assign(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            consumer.seekToBeginning(Set.of(tp));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StreamsException("the previous input changelog not read within " + READ_TIMEOUT + " [task: " + context.taskId() + "]");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        latest.put(keys.deserialize(topic, r.key()), read(values, r.value()));
                    }
                }
            }
        }
        int moved = 0;
        for (Map.Entry<String, Observation> e : latest.entrySet()) {
            if (e.getValue() != null) {
                inputs.putBack(e.getKey(), e.getValue());
                aged.put(e.getKey(), e.getValue());
                moved++;
            }
        }
        long committed = committed(config, context.applicationId(), new TopicPartition(Topics.OBSERVATIONS.name(), tp.partition()));
        last = committed - 1;
        if (committed > 0) {
            from.put(FROM, committed);
            written = committed;
        }
        LOG.info("pending inputs taken over from the previous build's changelog [task: {}, topic: {}, inputs: {}]", context.taskId(), topic, moved);
    }

    private static Observation read(Deserializer<Observation> values, byte[] bytes) {
        try {
            return bytes == null ? null : values.deserialize(Topics.OBSERVATIONS.name(), bytes);
        } catch (RuntimeException e) {
            return null; // skipped when it was processed too (CorruptRecordHandler)
        }
    }

    /** The task's committed offset of {@code tp} (0: none), waiting for an open transaction's outcome. */
    private static long committed(StreamsConfig config, String applicationId, TopicPartition tp) {
        try (Admin admin = Admin.create(config.getAdminConfigs(applicationId + "-inputs-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata()
                    .get(READ_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            OffsetAndMetadata o = offsets.get(tp);
            return o == null ? 0 : o.offset();
        } catch (Exception e) {
            throw new StreamsException("the committed offset of " + tp + " not readable", e);
        }
    }

    /** A consumer like Kafka Streams' restore consumer (read_committed, no group), never creating a topic. */
    private static KafkaConsumer<byte[], byte[]> consumer(StreamsConfig config, String clientId) {
        Map<String, Object> props = config.getRestoreConsumerConfigs(clientId);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An input taken and not logged: its input-store key, its record's offset, when it was taken; whether dropped since. */
    private static final class Unlogged {
        final String storeKey;
        final long offset;
        final long atMs;
        boolean gone;

        Unlogged(String storeKey, long offset, long atMs) {
            this.storeKey = storeKey;
            this.offset = offset;
            this.atMs = atMs;
        }
    }
}
