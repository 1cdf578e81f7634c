package org.bourtol.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.simulator.twilio.LocalTwilioServer;
import org.bourtol.testkit.ExternalProcess;
import org.bourtol.testkit.Mosquitto;
import org.bourtol.testkit.Poll;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scale-out on a real cluster: three Kafka brokers (replication factor 3, min.insync.replicas 2) and two
 * instances each of ingest (mosquitto shared subscription), rules (Kafka Streams, standby replicas) and
 * the notifier (ownership), every one a separate process. Under a steady stream of river readings that
 * raise, escalate and resolve the Niamey flood alert again and again, one instance of each component
 * and one broker are killed with -9 at random moments. Checked from outside: every reading the MQTT
 * broker acknowledged is exactly one observation, no SMS is sent twice, every alert raised reached
 * the Niamey committee, the alert ends in the state the last readings call for; and the time each
 * component took to take over is printed.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ClusterIT {

    private static final String ADMIN = "cluster-it-admin-token-0123456789";
    private static final String SID = "AC" + "c".repeat(32);
    private static final String AUTH = "cluster-it-twilio-token";
    private static final String NIAMEY_PHONE = "+22790000077";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Simulated minutes between two readings of one station (event time runs far ahead of wall time). */
    private static final int STEP_MINUTES = 15;
    private static final List<String> QUIET_STATIONS = List.of("koulikoro", "segou", "mopti", "dire", "kabara", "gao", "ansongo");

    /**
     * mosquitto queues a shared subscription's messages for a member whose persistent session is offline
     * (its share waits for it to come back, as the MQTT spec allows) and drops them past
     * {@code max_queued_messages}: a production broker must hold a dead instance's share until it restarts.
     */
    private static final String MOSQUITTO_CONFIG = "max_queued_messages 1000000\n";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> takeoverMs = new LinkedHashMap<>();

    @Test
    void everyComponentAndABrokerFailOverWithoutLossOrDuplicateSms() throws Exception {
        // nine JVMs for about five minutes: part of every verify, skipped only on request
        Assumptions.assumeFalse("false".equals(System.getProperty("bourtol.cluster")), "-Dbourtol.cluster=false");
        Path dir = Files.createTempDirectory("cluster-it");
        Vertx vertx = Vertx.vertx();
        LocalTwilioServer twilio = LocalTwilioServer.start(vertx, 0).requireCredentials(SID, AUTH);
        Map<String, ExternalProcess> bourtol = new LinkedHashMap<>();
        try (KafkaTrio kafka = KafkaTrio.started(dir, 3, WAIT); Mosquitto mqtt = Mosquitto.start(MOSQUITTO_CONFIG)) {
            Map<String, String> common = new HashMap<>(Map.of(
                    "BOURTOL_KAFKA_BOOTSTRAP", kafka.bootstrap(),
                    "BOURTOL_MQTT_URL", mqtt.url(),
                    "BOURTOL_ADMIN_TOKEN", ADMIN,
                    "BOURTOL_PSEUDONYM_KEY", "cluster-it-pseudonym-key-0123456789",
                    "BOURTOL_PUBLIC_URL", "https://bourtol.cluster.test",
                    "TWILIO_ACCOUNT_SID", SID,
                    "TWILIO_AUTH_TOKEN", AUTH,
                    "TWILIO_FROM", "+15005550006",
                    "TWILIO_API_BASE_URL", twilio.baseUrl()));
            common.putAll(Map.of(
                    "BOURTOL_KAFKA_OBSERVATION_PARTITIONS", "4",
                    "BOURTOL_RULES_STANDBY_REPLICAS", "1",
                    "BOURTOL_NOTIFIER_GROUP_WINDOW", "PT1S",
                    "BOURTOL_NOTIFIER_REPEAT_INTERVAL", "PT24H",
                    "BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR", "10000",
                    "BOURTOL_MQTT_SHARED_GROUP", "ingest",
                    "BOURTOL_LOG_LEVEL", "INFO"));
            Map<String, Integer> ports = new HashMap<>();
            Function<String, ExternalProcess> component = name -> {
                int port = ports.computeIfAbsent(name, n -> ExternalProcess.freePort());
                Map<String, String> env = new HashMap<>(common);
                env.put("BOURTOL_HTTP_PORT", String.valueOf(port));
                env.put("BOURTOL_DATA_DIR", dir.resolve(name).toString());
                env.put("BOURTOL_MQTT_CLIENT_ID", "bourtol-" + name);
                env.put("BOURTOL_NOTIFIER_INSTANCE_ID", name);
                return ExternalProcess.java(name, "org.bourtol.launcher.Bourtol", List.of(name.substring(0, name.indexOf('-'))), env, dir);
            };
            // the first rules instance creates the topics and seeds the default dataset; the others join it
            bourtol.put("rules-1", launched(component.apply("rules-1")));
            Nodes.awaitHealthy(ports.get("rules-1"), bourtol.get("rules-1"));
            for (String name : List.of("rules-2", "ingest-1", "ingest-2", "notifier-1", "notifier-2")) {
                bourtol.put(name, launched(component.apply(name)));
            }
            for (String name : List.of("rules-2", "ingest-1", "ingest-2", "notifier-1", "notifier-2")) {
                Nodes.awaitHealthy(ports.get(name), bourtol.get(name));
            }
            Nodes.registerFloodCommittee(ports.get("notifier-1"), ADMIN, "cluster-pc-niamey", NIAMEY_PHONE, "niamey");

            Load load = new Load(mqtt.url());
            Thread loader = new Thread(load, "cluster-it-load");
            loader.start();
            Instant start = Instant.now();
            try (Observed observed = new Observed(kafka.bootstrap())) {
                observed.start();
                Thread progress = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        System.out.printf("ClusterIT progress: %d readings acknowledged, %d observed, %d SMS%n",
                                load.acknowledged().size(), observed.readings().size(), twilio.messages().size());
                        try {
                            TimeUnit.SECONDS.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "cluster-it-progress");
                progress.setDaemon(true);
                progress.start();
                Poll.until(WAIT, "readings flowing before any failure", () -> observed.readings().size() >= 40);
                Poll.until(WAIT, "the first SMS to the Niamey committee", () -> !twilio.messagesTo(NIAMEY_PHONE).isEmpty());
                // one failure at a time, each at a random moment inside its slot, with time to recover between
                Nodes.pause(Nodes.randomSeconds(8, 14));
                killIngest(bourtol.get("ingest-1"), ports.get("ingest-1"), load, observed);
                Nodes.pause(Nodes.randomSeconds(4, 8));
                killRules(bourtol.get("rules-1"), kafka.bootstrap());
                Nodes.pause(Nodes.randomSeconds(4, 8));
                killNotifierOwner(bourtol, ports, twilio);
                Nodes.pause(Nodes.randomSeconds(4, 8));
                killBroker(kafka, load, observed);
                Nodes.pause(Nodes.randomSeconds(5, 10));
                load.finishWithNiameyAt(640);
                loader.join(TimeUnit.MINUTES.toMillis(3));
                Nodes.awaitHealthy(ports.get("ingest-1"), bourtol.get("ingest-1"));

                // nothing acknowledged lost: every reading mosquitto acknowledged is one observation
                Set<String> acked = load.acknowledged();
                Poll.until(Duration.ofMinutes(3), "all " + acked.size() + " acknowledged readings observed",
                        () -> observed.readings().containsAll(acked));
                List<AlertEvent> niamey = Poll.value(WAIT, "the Niamey alert Extreme after the last readings",
                        () -> observed.finalNiameyAlertIfExtreme());
                assertEquals(1, niamey.stream().filter(e -> e.type() == AlertEventType.RAISED).count(),
                        "one alert for the last rise: " + niamey);
                Set<String> raisedCodes = observed.raisedNiameyCodes();
                Poll.until(WAIT, "every Niamey alert raised reached the committee", () -> raisedCodes.stream()
                        .allMatch(code -> twilio.messagesTo(NIAMEY_PHONE).stream().anyMatch(m -> m.body().contains(code))));
                Map<String, Long> bodies = twilio.messagesTo(NIAMEY_PHONE).stream()
                        .collect(Collectors.groupingBy(LocalTwilioServer.Message::body, Collectors.counting()));
                List<String> twice = bodies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
                String table = table(load, observed, twilio, raisedCodes.size(), twice.size(), Duration.between(start, Instant.now()));
                System.out.println(table);
                Files.writeString(Path.of("target", "cluster-it-summary.txt"), table);
                assertTrue(twice.isEmpty(), "SMS sent twice: " + twice);
                assertEquals(observed.readingRecords(), observed.readings().size() + observed.duplicateRecords(),
                        "records on the topic are the distinct readings plus the counted duplicates");
                progress.interrupt(); // else it prints for the rest of the build
            }
        } finally {
            bourtol.values().forEach(ExternalProcess::close);
            twilio.close();
            vertx.close();
        }
    }

    // ---- failures, each measured from the outside

    /**
     * An ingest instance dies: its share of the shared subscription waits in its mosquitto session, so it
     * is restarted with the same client id and data directory (as an orchestrator would) and drains it.
     * Measured: until every reading acknowledged before the kill is an observation.
     */
    private void killIngest(ExternalProcess ingest, int port, Load load, Observed observed) {
        Instant killed = Instant.now();
        ingest.kill();
        Set<String> ackedAtKill = load.acknowledged();
        int seenAtKill = observed.readings().size();
        ingest.launch();
        Nodes.awaitHealthy(port, ingest);
        Poll.until(Duration.ofMinutes(3), "every reading acknowledged before ingest-1 died observed",
                () -> observed.readings().containsAll(ackedAtKill));
        takeoverMs.put("ingest (killed, restarted, its queued share drained)", Duration.between(killed, Instant.now()).toMillis());
        assertTrue(observed.readings().size() > seenAtKill, "the other instance went on while one was down");
    }

    private void killRules(ExternalProcess rules, String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, Long> endAtKill = endOffsets(admin);
            Instant killed = Instant.now();
            rules.kill();
            Map<TopicPartition, Long> last = new ConcurrentHashMap<>();
            try {
                Poll.until(Duration.ofMinutes(3), "the rules group past the observations held at the kill", () -> {
                    last.putAll(committed(admin));
                    return endAtKill.entrySet().stream()
                            .allMatch(e -> e.getValue() == 0 || last.getOrDefault(e.getKey(), -1L) >= e.getValue());
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": end offsets at the kill " + endAtKill + ", committed " + last, e);
            }
            takeoverMs.put("rules (Streams rebalance, standby replicas)", Duration.between(killed, Instant.now()).toMillis());
        }
    }

    private void killNotifierOwner(Map<String, ExternalProcess> bourtol, Map<String, Integer> ports, LocalTwilioServer twilio) {
        ExternalProcess owner = Poll.value(WAIT, "the notifier that sends (SMS sent on its /metrics)",
                () -> List.of("notifier-1", "notifier-2").stream().filter(n -> smsSent(ports.get(n)) > 0)
                        .map(bourtol::get).findFirst().orElse(null));
        int before = twilio.messages().size();
        Instant killed = Instant.now();
        owner.kill();
        Poll.until(Duration.ofMinutes(3), "an SMS sent after the owning notifier died", () -> twilio.messages().size() > before);
        takeoverMs.put("notifier (" + owner.name() + " killed, ownership moved)", Duration.between(killed, Instant.now()).toMillis());
    }

    /** SMS this notifier instance sent, from its Prometheus counter {@code bourtol_sms_total{status="sent"}}. */
    private double smsSent(int port) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("bourtol_sms_total{") && l.contains("status=\"sent\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private void killBroker(KafkaTrio kafka, Load load, Observed observed) {
        int victim = ThreadLocalRandom.current().nextInt(3);
        Instant killed = Instant.now();
        kafka.broker(victim).kill();
        String next = load.nextReadingAfter(killed);
        Poll.until(WAIT, "a reading published after broker " + (victim + 1) + " died observed",
                () -> observed.readings().contains(next));
        takeoverMs.put("kafka (broker " + (victim + 1) + " of 3 killed)", Duration.between(killed, observed.seenAt(next)).toMillis());
    }

    private static Map<TopicPartition, Long> committed(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets("bourtol-rules").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            System.out.println("ClusterIT: rules group offsets not readable now: " + e); // the coordinator may be moving
            return Map.of();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.OBSERVATIONS.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.OBSERVATIONS.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            spec.put(new TopicPartition(Topics.OBSERVATIONS.name(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(spec).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    // ---- setup helpers

    private static ExternalProcess launched(ExternalProcess p) {
        p.launch();
        return p;
    }

    private String table(Load load, Observed observed, LocalTwilioServer twilio, int alertsRaised, int duplicates, Duration took) {
        StringBuilder b = new StringBuilder("\nClusterIT: 3 brokers (RF 3, min ISR 2), 2 x ingest, rules, notifier; ")
                .append(took.toSeconds()).append(" s\n");
        b.append(String.format("%-52s %10s%n", "takeover after kill -9", "ms"));
        takeoverMs.forEach((k, v) -> b.append(String.format("%-52s %10d%n", k, v)));
        b.append(String.format("readings acknowledged by mosquitto %d, observed %d distinct (%d duplicate records), lost 0%n",
                load.acknowledged().size(), observed.readings().size(), observed.duplicateRecords()));
        b.append(String.format("Niamey alerts raised %d, SMS to the committee %d, sent twice %d%n", alertsRaised,
                twilio.messagesTo(NIAMEY_PHONE).size(), duplicates));
        return b.toString();
    }

    // ---- the load: river readings over MQTT, QoS 1, ~40 per second

    /** A reading's identity on both sides: station and event time. */
    static String key(String station, Instant observedAt) {
        return station + "@" + observedAt;
    }

    private static final class Load implements Runnable {
        private final String url;
        private final AtomicBoolean finishing = new AtomicBoolean();
        private volatile int finalLevel;
        private final Set<String> acked = ConcurrentHashMap.newKeySet();
        private final Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
        private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Instant t0 = Instant.parse("2025-09-01T00:00:00Z");

        Load(String url) {
            this.url = url;
        }

        @Override
        public void run() {
            try {
                MqttClient c = new MqttClient(url.replace("mqtt://", "tcp://"), "cluster-it-gauges", new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                o.setMaxInflight(100);
                o.setAutomaticReconnect(true);
                c.setTimeToWait(5000); // a publish caught in a reconnect throws instead of waiting forever: sent again
                c.connect(o);
                int finalSteps = 0;
                for (int i = 0; finalSteps < 12; i++) {
                    Instant at = t0.plus(Duration.ofMinutes((long) STEP_MINUTES * i));
                    int level = finishing.get() ? finalLevel : niameyLevel(i);
                    publish(c, "niamey", at, level);
                    String quiet = QUIET_STATIONS.get(i % QUIET_STATIONS.size());
                    publish(c, quiet, at, 200 + (i % 50));
                    if (finishing.get()) {
                        finalSteps++;
                    }
                    TimeUnit.MILLISECONDS.sleep(80);
                }
                c.disconnect();
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("load stopped", e);
            }
        }

        /** A triangle between 480 and 640 cm, 64 readings a cycle: yellow, orange, red, then back under every level. */
        private static int niameyLevel(int i) {
            int phase = i % 64;
            return phase < 32 ? 480 + phase * 5 : 640 - (phase - 32) * 5;
        }

        private void publish(MqttClient c, String station, Instant at, int level) throws Exception {
            String key = key(station, at);
            String payload = "{\"levelCm\": " + level + ", \"observedAt\": \"" + at + "\"}";
            order.add(key);
            publishedAt.put(key, Instant.now());
            while (true) {
                try {
                    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    c.publish("bourtol/v1/gauge/" + station, m);
                    acked.add(key); // publish() returns after the broker's PUBACK for QoS 1
                    return;
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    TimeUnit.MILLISECONDS.sleep(100); // reconnecting; the same reading is sent again
                }
            }
        }

        void finishWithNiameyAt(int level) {
            finalLevel = level;
            finishing.set(true);
        }

        Set<String> acknowledged() {
            return Set.copyOf(acked);
        }

        /** The first reading published at or after {@code t} (waits for it). */
        String nextReadingAfter(Instant t) {
            return Poll.value(WAIT, "a reading published after " + t, () -> {
                synchronized (order) {
                    for (int i = order.size() - 1; i >= 0; i--) {
                        Instant p = publishedAt.get(order.get(i));
                        if (p != null && p.isBefore(t)) {
                            return i + 1 < order.size() ? order.get(i + 1) : null;
                        }
                    }
                    return null;
                }
            });
        }
    }

    // ---- what reached Kafka

    private static final class Observed implements AutoCloseable, Runnable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Instant> seen = new ConcurrentHashMap<>();
        private final Map<String, List<AlertEvent>> alerts = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long readingRecords;
        private volatile long duplicates;
        private final Thread thread = new Thread(this, "cluster-it-observed");

        Observed(String bootstrap) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("group.id", "cluster-it-" + System.nanoTime());
            p.put("auto.offset.reset", "earliest");
            p.put("enable.auto.commit", "false");
            p.put("isolation.level", "read_committed");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.OBSERVATIONS.name(), Topics.ALERTS.name()));
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topics.OBSERVATIONS.name())) {
                        Observation o = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                        if (o instanceof GaugeReading g) {
                            readingRecords++;
                            if (seen.putIfAbsent(key(g.stationId(), o.observedAt()), Instant.now()) != null) {
                                duplicates++;
                            }
                        }
                    } else {
                        AlertEvent e = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                        if (e != null && "niamey".equals(e.alert().zone()) && e.alert().rule().endsWith("gauge-level")) {
                            alerts.computeIfAbsent(e.alert().id(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(e);
                        }
                    }
                }
            }
        }

        Set<String> readings() {
            return seen.keySet();
        }

        Instant seenAt(String key) {
            return seen.get(key);
        }

        long readingRecords() {
            return readingRecords;
        }

        long duplicateRecords() {
            return duplicates;
        }

        Set<String> raisedNiameyCodes() {
            return alerts.values().stream().flatMap(List::stream).filter(e -> e.type() == AlertEventType.RAISED)
                    .map(e -> e.alert().code()).collect(Collectors.toSet());
        }

        /** The events of the one active Niamey alert when it is Extreme, else null. */
        List<AlertEvent> finalNiameyAlertIfExtreme() {
            List<List<AlertEvent>> active = alerts.values().stream().map(List::copyOf)
                    .filter(l -> l.stream().noneMatch(e -> e.type() == AlertEventType.RESOLVED)).toList();
            if (active.size() != 1) {
                return null;
            }
            List<AlertEvent> events = active.get(0);
            return events.get(events.size() - 1).alert().severity() == org.bourtol.contracts.alert.Severity.Extreme ? events : null;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
            consumer.close();
        }
    }
}
