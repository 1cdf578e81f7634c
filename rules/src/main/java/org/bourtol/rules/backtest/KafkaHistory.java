package org.bourtol.rules.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;

/**
 * Reads the past from Kafka for a backtest, without a consumer group (assigned partitions, nothing
 * committed): the observations and acknowledgements of a period, the alert events the live topology
 * published, and how far back each topic still reaches (retention).
 */
public final class KafkaHistory implements History {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final KafkaClients kafka;

    public KafkaHistory(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @Override
    public Inputs inputs(Instant from, Instant to) {
        List<Recorded> out = new ArrayList<>();
        Instant retained = read(Topics.OBSERVATIONS, r -> {
            Instant at = eventTime(Topics.OBSERVATIONS, r, Observation::observedAt);
            if (at != null && !at.isBefore(from) && at.isBefore(to)) {
                out.add(new Recorded(Recorded.Kind.OBSERVATION, key(r), r.value(), r.timestamp(), at));
            }
        });
        read(Topics.ACKS, r -> {
            Instant at = eventTime(Topics.ACKS, r, AckRequest::at);
            if (at != null && !at.isBefore(from) && at.isBefore(to)) {
                out.add(new Recorded(Recorded.Kind.ACK, key(r), r.value(), r.timestamp(), at));
            }
        });
        out.sort(Recorded.STORED_ORDER);
        return new Inputs(out, retained);
    }

    @Override
    public List<AlertEvent> alerts(Instant from, Instant to) {
        List<AlertEvent> out = new ArrayList<>();
        read(Topics.ALERTS, r -> {
            AlertEvent e = decode(Topics.ALERTS, r);
            if (e != null && !e.at().isBefore(from) && e.at().isBefore(to)) {
                out.add(e);
            }
        });
        return out;
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <V> Instant eventTime(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> r,
                                         java.util.function.Function<V, Instant> at) {
        V v = decode(topic, r);
        return v == null ? null : at.apply(v);
    }

    private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
        } catch (RuntimeException e) {
            return null; // corrupt: the live topology skipped it as well
        }
    }

    /**
     * Reads every partition of {@code topic} from its log start to its current end.
     *
     * @return the storage time of the oldest record still held in a partition that lost records to retention,
     *         or null when every partition still starts at offset 0 (nothing was ever deleted)
     */
    private Instant read(Topic<String, ?> topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic.name(), DEADLINE)) {
                parts.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, DEADLINE);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, DEADLINE));
            end.entrySet().removeIf(e -> e.getValue() <= begin.get(e.getKey()));
            Map<TopicPartition, Long> firstStored = new HashMap<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic.name() + " not read to its end within " + DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    firstStored.putIfAbsent(tp, r.timestamp());
                    each.accept(r);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            Long since = null;
            for (TopicPartition tp : parts) {
                if (begin.get(tp) > 0 && firstStored.containsKey(tp)) {
                    since = since == null ? firstStored.get(tp) : Math.max(since, firstStored.get(tp));
                }
            }
            return since == null ? null : Instant.ofEpochMilli(since);
        }
    }
}
