package org.bourtol.launcher.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.RulesTopology;
import org.bourtol.simulator.truth.TopicTail;

/**
 * Observation → alert (gauge readings produced straight into {@code bourtol.observations.v1}, to the alert event
 * whose evidence carries them) against a passthrough Kafka Streams topology with the rules' own Streams properties
 * (exactly-once v2, the same commit interval), and raw Kafka produce → consume on the same broker. The rules'
 * throughput is observations consumed per second (their committed offset reaching the end of the topic); a reading's
 * latency runs to the first alert event whose evidence reaches it or a later reading (the readings of one station go
 * through in order; a hot alert publishes its latest state, not every step: {@code rules.updateInterval}).
 */
final class RulesHop {

    private static final String RAW = "bourtol.bench-raw.v1";
    private static final String PT_IN = "bourtol.bench-passthrough-in.v1";
    private static final String PT_OUT = "bourtol.bench-passthrough-out.v1";
    private static final String KEPT_IN = "bourtol.bench-kept-in.v1";
    private static final String KEPT_OUT = "bourtol.bench-kept-out.v1";
    private static final String KEPT_STORE = "bench-last";
    private static final int RECORD_BYTES = 250; // about an observation record (docs/backtest.md)
    private static final Duration QUIET = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final Target target;
    private final String station;
    private final int level;

    RulesHop(Target target, String station, int level) {
        this.target = target;
        this.station = station;
        this.level = level;
    }

    Hop measure(int n, int rounds, Jit jit, ThreadCpu cpu) throws Exception {
        BenchTopics.ensure(target.kafka(), List.of(RAW, PT_IN, PT_OUT, KEPT_IN, KEPT_OUT));
        StreamsBuilder copy = new StreamsBuilder();
        copy.stream(PT_IN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).to(PT_OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Path state = Files.createTempDirectory("bourtol-bench-streams-");
        try (KafkaStreams passthrough = started(copy.build(), "bourtol-bench-passthrough", state);
                KafkaStreams kept = started(keepLast(), "bourtol-bench-kept", state)) {
            return Hop.measure("observation → alert (rules)", n, rounds,
                    List.of((m, rate) -> kafka("streams passthrough (exactly-once v2)", PT_IN, PT_OUT, m, rate), this::rules,
                            (m, rate) -> kafka("kafka produce->consume (raw)", RAW, RAW, m, rate),
                            (m, rate) -> kafka("streams, one store write per record (floor)", KEPT_IN, KEPT_OUT, m, rate)),
                    List.of("baseline: a Streams topology that copies " + RECORD_BYTES + "-byte records from one topic to another with the"
                            + " rules' Streams properties; consumers read committed records only",
                            "floor: the same copy writing each record to a changelogged store under one key first, what a stateful"
                                    + " rule logging every reading does at least (the rules, per reading: its JSON parsed, the reading kept in"
                                    + " the input store, without a changelog record unless it is still held six hours or 250,000 records"
                                    + " later (a restart reads it back from the topic), the timeline of each of the station's gauge rules"
                                    + " updated, which reaches its changelog once per commit; while the station fires, a signal through"
                                    + " the lifecycle's topic and an alert event at most about once per rules.updateInterval)",
                            "rules throughput: observations consumed per second (committed offset); rules latency: to the first alert"
                                    + " event whose evidence reaches the reading or a later one; rules.updateInterval "
                                    + target.config().rules().updateInterval() + " (a hot alert's updates published at most about once per interval)"),
                    jit, cpu);
        } finally {
            FileUtils.deleteQuietly(state.toFile());
        }
    }

    /** The floor's topology: each record written to an in-memory store with a changelog, under one key, then copied. */
    private static Topology keepLast() {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(KEPT_STORE), Serdes.String(), Serdes.ByteArray()));
        b.stream(KEPT_IN, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new Processor<byte[], byte[], byte[], byte[]>() {
                    private ProcessorContext<byte[], byte[]> context;
                    private KeyValueStore<String, byte[]> last;

                    @Override
                    public void init(ProcessorContext<byte[], byte[]> context) {
                        this.context = context;
                        this.last = context.getStateStore(KEPT_STORE);
                    }

                    @Override
                    public void process(Record<byte[], byte[]> record) {
                        last.put("station", record.value());
                        context.forward(record);
                    }
                }, KEPT_STORE)
                .to(KEPT_OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }

    /** A Streams client with the rules' properties, running (state under {@code state}). */
    private KafkaStreams started(Topology topology, String applicationId, Path state) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(topology, RulesTopology.properties(target.kafka().common(), applicationId, state));
        streams.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            streams.close();
            throw new IllegalStateException("the bench's Streams topology " + applicationId + " did not start: " + streams.state());
        }
        return streams;
    }

    private Figures kafka(String path, String in, String out, int n, double rate) throws Exception {
        Load load = new Load(path, n);
        int run = load.id();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.kafka().producer("bourtol-bench"));
                TopicTail<byte[]> tail = new TopicTail<>(target.kafka(), new Topic<>(out, Serdes.String(), Serdes.ByteArray(), 1, false), s -> {
                    ByteBuffer b = ByteBuffer.wrap(s.value());
                    if (s.value().length >= 8 && b.getInt() == run) {
                        load.arrived(b.getInt());
                    }
                })) {
            return load.run(rate, 1, QUIET, TIMEOUT, seq -> producer.send(new ProducerRecord<>(in,
                    ByteBuffer.allocate(RECORD_BYTES).putInt(run).putInt(seq).array())));
        }
    }

    private Figures rules(int n, double rate) throws Exception {
        Load load = new Load("observation -> alert (rules)", n);
        String prefix = "bench-" + load.id() + "-";
        String group = target.config().rules().applicationId();
        long[] taken = {-1}; // the highest reading an alert event reached (the tail's one thread)
        try (Admin admin = Admin.create(target.kafka().common());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.kafka().producer("bourtol-bench"));
                TopicTail<AlertEvent> alerts = new TopicTail<>(target.kafka(), Topics.ALERTS, s -> {
                    // the readings go through in order: an alert whose evidence reaches reading k has taken every reading up to k
                    long reached = -1;
                    for (Evidence e : s.value().alert().evidence()) {
                        if (e.observationId().startsWith(prefix)) {
                            reached = Math.max(reached, Long.parseLong(e.observationId().substring(prefix.length())));
                        }
                    }
                    for (long seq = reached; seq > taken[0]; seq--) {
                        load.arrived(seq);
                    }
                    taken[0] = Math.max(taken[0], reached);
                })) {
            Map<TopicPartition, Long> end = new HashMap<>();
            // not every reading arrives as evidence: the run ends when the rules' committed offset reaches the end
            Figures f = load.run(rate, 1, TIMEOUT, TIMEOUT, seq -> {
                Instant now = Instant.now();
                Observation o = new GaugeReading(prefix + seq, Source.MQTT, now, now, station, true, station, level + seq % 3);
                producer.send(new ProducerRecord<>(Topics.OBSERVATIONS.name(), station.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Topics.OBSERVATIONS.valueSerde().serializer().serialize(Topics.OBSERVATIONS.name(), o)), (md, e) -> {
                            if (md != null) {
                                synchronized (end) {
                                    end.merge(new TopicPartition(md.topic(), md.partition()), md.offset() + 1, Math::max);
                                }
                            }
                        });
                if (seq == n - 1) {
                    producer.flush();
                }
            }, () -> consumed(admin, group, end));
            long nanos = load.finishedNanos();
            double perSecond = nanos <= 0 ? 0 : n / (nanos / 1e9);
            return new Figures(f.path(), f.rate(), n, nanos <= 0 ? 0 : n, perSecond, f.p50(), f.p99(), f.max());
        }
    }

    /** True once the rules' consumer group committed at least {@code end} on every partition written. */
    private static boolean consumed(Admin admin, String group, Map<TopicPartition, Long> end) {
        try {
            Map<TopicPartition, Long> want;
            synchronized (end) {
                want = Map.copyOf(end);
            }
            if (want.isEmpty()) {
                return false;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get();
            return want.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        } catch (Exception e) {
            return false;
        }
    }
}
