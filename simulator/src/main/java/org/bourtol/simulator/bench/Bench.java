package org.bourtol.simulator.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.simulator.publish.MqttSender;
import org.bourtol.simulator.truth.TopicTail;

/**
 * Measures, on one machine and in one run: (1) the baseline, a raw Kafka produce → consume round
 * trip on the same broker; (2) MQTT publish → observation on {@code bourtol.observations.v1}
 * (Paho QoS 1 through the broker and ingest); (3) observation → alert event (the rules). The gauge
 * readings go to station {@code station} above its lowest level, so every reading updates one alert
 * with new evidence. Run it against a Bourtol nobody else is feeding.
 */
public final class Bench {

    /** Throughput (messages/s) and latency percentiles (ms) of one path. */
    public record Result(String path, int messages, double perSecond, double p50, double p90, double p99, double max) {
        String line() {
            return String.format(Locale.ROOT, "%-28s %7d %10.0f %8.1f %8.1f %8.1f %8.1f", path, messages, perSecond, p50, p90, p99, max);
        }
    }

    private Bench() {
    }

    public static Result baseline(KafkaClients kafka, int n, int ratePerSecond) throws Exception {
        String topic = "bourtol.bench-baseline.v1";
        try (Admin admin = Admin.create(kafka.common())) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get();
            }
        }
        Histogram h = new Histogram(3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("bourtol-bench"));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    if (ratePerSecond > 0) {
                        long wait = start + i * 1_000_000_000L / ratePerSecond - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    producer.send(new ProducerRecord<>(topic, ByteBuffer.allocate(200).putLong(System.nanoTime()).array()));
                }
                producer.flush();
            }, "bench-baseline-producer");
            sender.start();
            int got = 0;
            long deadline = System.nanoTime() + 60_000_000_000L + (ratePerSecond > 0 ? n * 1_000_000_000L / ratePerSecond : 0);
            while (got < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    h.recordValue(Math.max(0, (System.nanoTime() - ByteBuffer.wrap(r.value()).getLong()) / 1000));
                    got++;
                }
            }
            sender.join();
            return result("kafka produce->consume", got, System.nanoTime() - start, h);
        }
    }

    /**
     * MQTT → observation and observation → alert, with {@code n} gauge readings at {@code station}, sent
     * at {@code ratePerSecond} (0: all at once, which measures saturation throughput and queueing latency).
     */
    public static List<Result> pipeline(KafkaClients kafka, String mqttUrl, String mqttUser, String mqttPassword, String station, int levelCm,
                                        int n, int ratePerSecond)
            throws Exception {
        Map<Instant, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> observed = new ConcurrentHashMap<>();
        Histogram mqttToObs = new Histogram(3);
        Histogram obsToAlert = new Histogram(3);
        Set<String> alertedIds = ConcurrentHashMap.newKeySet();
        long[] lastObs = {0};
        long[] lastAlert = {0};
        try (TopicTail<Observation> obs = new TopicTail<>(kafka, Topics.OBSERVATIONS, s -> {
            if (s.value() instanceof GaugeReading g && g.stationId().equals(station)) {
                Long t0 = sent.get(g.observedAt());
                if (t0 != null && observed.putIfAbsent(g.id(), System.nanoTime()) == null) {
                    synchronized (mqttToObs) {
                        mqttToObs.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
                    }
                    lastObs[0] = System.nanoTime();
                }
            }
        });
             TopicTail<AlertEvent> alerts = new TopicTail<>(kafka, Topics.ALERTS, s -> {
                 for (Evidence e : s.value().alert().evidence()) {
                     Long t1 = observed.get(e.observationId());
                     if (t1 != null && alertedIds.add(e.observationId())) {
                         synchronized (obsToAlert) {
                             obsToAlert.recordValue(Math.max(0, (System.nanoTime() - t1) / 1000));
                         }
                         lastAlert[0] = System.nanoTime();
                     }
                 }
             });
             MqttSender mqtt = new MqttSender(mqttUrl, mqttUser, mqttPassword, 100)) {
            Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (ratePerSecond > 0) {
                    long due = start + i * 1_000_000_000L / ratePerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                Instant at = base.plusMillis(i * 10L);
                sent.put(at, System.nanoTime());
                mqtt.publish("bourtol/v1/gauge/" + station, "{\"levelCm\":" + (levelCm + i % 3) + ",\"observedAt\":\"" + at + "\"}");
            }
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (System.nanoTime() < deadline && (observed.size() < n || alertedIds.size() < observed.size())) {
                long quiet = System.nanoTime() - Math.max(Math.max(lastObs[0], lastAlert[0]), start);
                if (observed.size() >= n && quiet > 15_000_000_000L) {
                    break;
                }
                Thread.sleep(100);
            }
            return List.of(result("mqtt -> observation", observed.size(), lastObs[0] - start, mqttToObs),
                    result("observation -> alert", alertedIds.size(), lastAlert[0] - start, obsToAlert));
        }
    }

    private static Result result(String path, int count, long nanos, Histogram microsH) {
        double perSecond = nanos <= 0 ? 0 : count / (nanos / 1e9);
        if (microsH.getTotalCount() == 0) {
            return new Result(path, count, perSecond, 0, 0, 0, 0);
        }
        return new Result(path, count, perSecond, microsH.getValueAtPercentile(50) / 1000.0, microsH.getValueAtPercentile(90) / 1000.0,
                microsH.getValueAtPercentile(99) / 1000.0, microsH.getMaxValue() / 1000.0);
    }

    /** The table: every path with its ratio to the baseline. */
    public static String table(Result baseline, List<Result> paths) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %7s %10s %8s %8s %8s %8s%n", "path", "msgs", "msg/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms"));
        b.append(baseline.line()).append('\n');
        Map<String, String> ratios = new LinkedHashMap<>();
        for (Result r : paths) {
            b.append(r.line()).append('\n');
            String throughput = r.path().endsWith("alert") ? "alert events (not every observation changes an alert)"
                    : String.format(Locale.ROOT, "throughput %.2fx baseline", baseline.perSecond() == 0 ? 0 : r.perSecond() / baseline.perSecond());
            ratios.put(r.path(), String.format(Locale.ROOT, "%s, p50 latency %.1fx baseline, p99 latency %.1fx baseline", throughput,
                    baseline.p50() == 0 ? 0 : r.p50() / baseline.p50(), baseline.p99() == 0 ? 0 : r.p99() / baseline.p99()));
        }
        ratios.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%-28s %s%n", k, v)));
        return b.toString();
    }
}
