package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.observation.AckRequest;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.outcome.Verdicts;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicScan;

/**
 * Reads the past from Kafka for a backtest, without a consumer group (assigned partitions, nothing
 * committed): the observations and acknowledgements of a period, the alert events the live topology
 * published, and how far back each topic still reaches (retention).
 */
public final class KafkaHistory implements History {

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

    /**
     * The outcome verdict that stands for each of these alerts ({@link Verdicts}: an officer's over SMS views, else the
     * latest), as recorded on {@code bourtol.outcomes.v1}.
     */
    @Override
    public Map<String, Verdict> verdicts(Collection<String> alertIds) {
        Set<String> wanted = Set.copyOf(alertIds);
        Map<String, Verdict> out = new HashMap<>();
        Verdicts.of(TopicScan.values(kafka, Topics.OUTCOMES), null).forEach((alert, response) -> {
            if (wanted.contains(alert) && response.verdict() != null) {
                out.put(alert, response.verdict());
            }
        });
        return out;
    }

    /**
     * The ground truth published by the simulator ({@code bourtol.groundtruth.v1}) that began in {@code [from, to)}; a
     * scenario played twice on the same Kafka is counted once (by key and start).
     */
    @Override
    public List<GroundTruth> groundTruth(Instant from, Instant to) {
        Map<String, GroundTruth> out = new java.util.LinkedHashMap<>();
        for (GroundTruth g : TopicScan.values(kafka, Topics.GROUND_TRUTH)) {
            if (!g.start().isBefore(from) && g.start().isBefore(to)) {
                out.putIfAbsent(g.key() + "@" + g.start(), g);
            }
        }
        return List.copyOf(out.values());
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
        return TopicScan.decode(topic, r); // corrupt: the live topology skipped it as well
    }

    private Instant read(Topic<String, ?> topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return TopicScan.read(kafka, topic, each);
    }
}
