package org.bourtol.rules.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.Fixtures;
import org.bourtol.rules.RulesTopology;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.testkit.SharedKafka;

/**
 * Throughput of one rules instance with the default dataset and all its rules: {@code ttd N} drives the
 * production topology in a TopologyTestDriver (no broker); {@code kafka N} runs it as a Streams app
 * (exactly-once) against an embedded broker on a backlog of N observations. Not a test: a console
 * harness (prints to stdout). Mix: 50 % gauge readings, 40 % herd positions, 10 % community reports.
 */
public final class RulesBench {

    private RulesBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "ttd";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Observation> load = workload(n, new Random(42));
        if (mode.equals("ttd")) {
            ttd(load);
        } else if (mode.equals("dense")) {
            dense(n);
        } else {
            kafka(load);
        }
        System.exit(0);
    }

    static List<Observation> workload(int n, Random rnd) {
        String[] stations = {"koulikoro", "segou", "mopti", "dire", "kabara", "gao", "ansongo", "niamey"};
        double[][] spots = {{14.9036, -3.8589}, {14.9836, -3.9389}, {14.16, -5.01}, {14.16, -4.95}, {13.93, -4.58}, {14.45, -4.14}};
        String[] communes = {"konna", "djenne", "diafarabe", "mopti-ville"};
        int[] level = new int[stations.length];
        for (int i = 0; i < level.length; i++) {
            level[i] = 400 + rnd.nextInt(100);
        }
        Instant t = Instant.parse("2020-08-01T00:00:00Z");
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t = t.plusSeconds(20);
            int k = rnd.nextInt(10);
            if (k < 5) {
                int s = rnd.nextInt(stations.length);
                level[s] = Math.max(100, Math.min(750, level[s] + rnd.nextInt(11) - 5));
                out.add(Fixtures.gauge(stations[s], level[s], t));
            } else if (k < 9) {
                double[] p = spots[rnd.nextInt(spots.length)];
                out.add(Fixtures.herd("herd-" + rnd.nextInt(300), p[0] + rnd.nextGaussian() * 0.01, p[1] + rnd.nextGaussian() * 0.01,
                        20 + rnd.nextInt(400), t));
            } else {
                ReportType type = ReportType.values()[rnd.nextInt(5)];
                out.add(Fixtures.report(communes[rnd.nextInt(communes.length)], type, rnd.nextBoolean(), "r-" + rnd.nextInt(50), t));
            }
        }
        return out;
    }

    static void ttd(List<Observation> load) {
        try (TopologyHarness h = new TopologyHarness(Duration.ofHours(1))) {
            DefaultDataset.rules().forEach(h::rule);
            int warm = Math.min(10_000, load.size() / 10);
            load.subList(0, warm).forEach(h::observe);
            h.drain();
            long t0 = System.nanoTime();
            int alerts = 0;
            for (int i = warm; i < load.size(); i++) {
                h.observe(load.get(i));
                if (i % 1000 == 0) {
                    alerts += h.drain().size();
                    // the test driver keeps every changelog record it "produced": drop them
                    for (String topic : h.driver.producedTopicNames()) {
                        h.driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
                    }
                }
            }
            alerts += h.drain().size();
            double s = (System.nanoTime() - t0) / 1e9;
            int n = load.size() - warm;
            if (Boolean.getBoolean("bench.stores")) {
                for (String store : List.of("gauge-level-state", "herd-in-protected-zone-state", "incident-cluster-state",
                        "community-flood-reports-state", "herd-concentration-state", "gauge-rise-rate-state", "rain-accumulation-state",
                        "upstream-lead-state", "corridor-deviation-state", "early-late-passage-state", "alert-slots", "conflict-risk-score-state")) {
                    var kv = h.driver.getKeyValueStore(store);
                    long count = 0;
                    long max = 0;
                    try (var it = kv.all()) {
                        while (it.hasNext()) {
                            var e = it.next();
                            count++;
                            max = Math.max(max, org.bourtol.contracts.topic.Json.MAPPER.valueToTree(e.value).toString().length());
                        }
                    }
                    System.out.printf("store %s: %d entries, largest %d chars%n", store, count, max);
                }
            }
            System.out.printf("ttd: %d observations in %.2f s = %.0f events/s (%d alert events)%n", n, s, n / s, alerts);
        }
    }

    /**
     * The per-key cost: {@code n} readings of one station and {@code n} positions of distinct herds at one
     * water point, all inside one grace period (1 h), as after a backlog of collar data arrives at once.
     * Events/s are printed per block of 500, so a cost that grows with the window shows as a falling rate.
     */
    static void dense(int n) {
        try (TopologyHarness h = new TopologyHarness(Duration.ofHours(1))) {
            DefaultDataset.rules().forEach(h::rule);
            Instant t = Instant.parse("2020-09-01T00:00:00Z");
            Random rnd = new Random(42);
            long t0 = System.nanoTime();
            int alerts = 0;
            for (int i = 1; i <= n; i++) {
                t = t.plusMillis(500);
                h.observe(Fixtures.gauge("niamey", 540 + rnd.nextInt(5), t));
                h.observe(Fixtures.herd("herd-" + i, 14.9036 + rnd.nextGaussian() * 0.001, -3.8589 + rnd.nextGaussian() * 0.001, 30, t));
                if (i % 500 == 0) {
                    alerts += h.drain().size();
                    for (String topic : h.driver.producedTopicNames()) {
                        h.driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("dense: observations %d..%d of the window: %.0f events/s (%d alert events so far)%n",
                            2 * (i - 500), 2 * i, 1000 / s, alerts);
                    t0 = System.nanoTime();
                }
            }
        }
    }

    static void kafka(List<Observation> load) throws Exception {
        String bootstrap = SharedKafka.bootstrap();
        Properties pp = SharedKafka.clients().producer("bench");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(pp)) {
            DefaultDataset.zones().forEach(z -> p.send(rec(Topics.ZONES.name(), z.id(), Topics.ZONES.valueSerde().serializer().serialize("", z))));
            DefaultDataset.rules().forEach(r -> p.send(rec(Topics.RULES.name(), r.id(), Topics.RULES.valueSerde().serializer().serialize("", r))));
            for (Observation o : load) {
                p.send(rec(Topics.OBSERVATIONS.name(), o.subject(), Topics.OBSERVATIONS.valueSerde().serializer().serialize("", o)));
            }
            p.flush();
        }
        String app = "rules-bench-" + UUID.randomUUID();
        Properties sp = RulesTopology.properties(SharedKafka.clients().common(), app, Files.createTempDirectory("rules-bench"));
        KafkaStreams streams = new KafkaStreams(RulesTopology.build(new RulesEnv(Duration.ofHours(1), 0.5)), sp);
        long t0 = System.nanoTime();
        streams.start();
        long running = 0;
        try (Admin admin = Admin.create(SharedKafka.clients().common())) {
            Map<TopicPartition, OffsetSpec> spec = new java.util.HashMap<>();
            for (int i = 0; i < Topics.OBSERVATIONS.partitions(); i++) {
                spec.put(new TopicPartition(Topics.OBSERVATIONS.name(), i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = admin.listOffsets(spec).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long[] runningAt = {0};
            org.bourtol.testkit.Poll.until(Duration.ofMinutes(30), "the rules application to consume the backlog", () -> {
                if (runningAt[0] == 0 && streams.state() == KafkaStreams.State.RUNNING) {
                    runningAt[0] = System.nanoTime();
                }
                try {
                    Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
                    return end.entrySet().stream().allMatch(e -> done.get(e.getKey()) != null && done.get(e.getKey()).offset() >= e.getValue());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read the bench group's offsets", e);
                }
            });
            running = runningAt[0];
        }
        long t1 = System.nanoTime();
        streams.close(Duration.ofSeconds(10));
        double total = (t1 - t0) / 1e9;
        double afterRunning = (t1 - (running == 0 ? t0 : running)) / 1e9;
        System.out.printf("kafka (exactly_once_v2, %s): %d observations in %.2f s from start (%.0f events/s), %.2f s after RUNNING (%.0f events/s)%n",
                bootstrap, load.size(), total, load.size() / total, afterRunning, load.size() / afterRunning);
    }

    private static ProducerRecord<byte[], byte[]> rec(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    }
}
