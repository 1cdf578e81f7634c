package org.bourtol.launcher.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.simulator.publish.MqttSender;
import org.bourtol.simulator.truth.TopicTail;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT → observation (a QoS 1 gauge reading published as a gateway does, to the observation read back from
 * {@code bourtol.observations.v1}) against the raw broker: the same publisher, QoS 1 and payload size, to a Paho
 * QoS 1 subscriber on the same broker. The readings sit below every warning level, so the rules do not alert.
 */
final class MqttHop {

    static final int INFLIGHT = 100;
    private static final String FORWARDED = "bourtol.bench-mqtt-forwarded.v1";

    private final Target target;
    private final String station;
    private final int level;
    /**
     * The observedAt of the ingest path's first reading; each reading adds its sequence number in milliseconds. A random
     * sub-millisecond part makes this bench process's readings differ from an earlier run's against the same ingest
     * (ingest drops a reading it has seen, and a run started within a minute of the last would otherwise repeat some).
     */
    private volatile Instant nextBase = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .plusNanos(1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(999_999));

    MqttHop(Target target, String station, int level) {
        this.target = target;
        this.station = station;
        this.level = level;
    }

    Hop measure(int n, int rounds, Jit jit, ThreadCpu cpu) throws Exception {
        String broker = target.embedded() ? "embedded broker (HiveMQ CE)" : "broker " + target.mqttUrl();
        BenchTopics.ensure(target.kafka(), List.of(FORWARDED));
        return Hop.measure("MQTT QoS 1 → observation, " + broker, n, rounds, List.of(this::raw, this::ingest, this::forwarded),
                List.of("publisher: Paho MQTT 3.1.1, QoS 1, " + INFLIGHT + " messages in flight; latency from publish to subscriber"
                        + " callback (raw) or to the record read from Kafka (ingest, floor)",
                        "floor: a Paho subscriber in the bench's process producing each payload as it came to a Kafka topic and"
                                + " acknowledging it once Kafka has it (no parsing, no duplicate check, no console), the least"
                                + " any ingest that acknowledges only what Kafka holds does per message"),
                jit, cpu);
    }

    /** Raw broker: publish to {@code rawTopic}, a Paho QoS 1 subscriber on the same broker receives. */
    private Figures raw(int n, double rate) throws Exception {
        Load load = new Load("mqtt pub->sub (raw broker)", n);
        String tag = "r" + load.id() + "-" + UUID.randomUUID().toString().substring(0, 6);
        MqttAsyncClient sub = new MqttAsyncClient(MqttOptions.pahoUrl(target.mqttUrl()), "bourtol-bench-sub-" + tag, new MemoryPersistence());
        try {
            sub.connect(options(target.rawSubscriber())).waitForCompletion(15_000);
            sub.subscribe(target.rawTopic(), 1, (topic, message) -> arrived(load, tag, message.getPayload())).waitForCompletion(15_000);
            return publishTagged(load, tag, rate);
        } finally {
            close(sub);
        }
    }

    /**
     * The floor: the raw path's messages taken by a Paho subscriber with manual acknowledgements, each produced as it came
     * to {@link #FORWARDED} (an idempotent producer, acks=all, as ingest's) and acknowledged to the broker once Kafka has
     * it; read back from Kafka.
     */
    private Figures forwarded(int n, double rate) throws Exception {
        Load load = new Load("mqtt -> kafka, bare forwarder (floor)", n);
        String tag = "f" + load.id() + "-" + UUID.randomUUID().toString().substring(0, 6);
        MqttAsyncClient sub = new MqttAsyncClient(MqttOptions.pahoUrl(target.mqttUrl()), "bourtol-bench-fwd-" + tag, new MemoryPersistence());
        sub.setManualAcks(true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(target.kafka().producer("bourtol-bench-forwarder"));
                TopicTail<byte[]> tail = new TopicTail<>(target.kafka(), new Topic<>(FORWARDED, Serdes.String(), Serdes.ByteArray(), 1, false),
                        s -> arrived(load, tag, s.value()))) {
            try {
                sub.connect(options(target.rawSubscriber())).waitForCompletion(15_000);
                sub.subscribe(target.rawTopic(), 1, (topic, message) -> {
                    int id = message.getId();
                    int qos = message.getQos();
                    producer.send(new ProducerRecord<>(FORWARDED, message.getPayload()), (md, e) -> {
                        if (e == null && qos > 0) {
                            try {
                                sub.messageArrivedComplete(id, qos);
                            } catch (MqttException ignored) {
                                // not acknowledged: the broker sends it again, the run counts it once
                            }
                        }
                    });
                }).waitForCompletion(15_000);
                return publishTagged(load, tag, rate);
            } finally {
                close(sub); // before the producer it feeds is closed
            }
        }
    }

    /** Publishes the run's messages to the raw topic, each carrying {@code tag:seq}, the size of a gauge reading's payload. */
    private Figures publishTagged(Load load, String tag, double rate) throws Exception {
        try (MqttSender pub = new MqttSender(target.mqttUrl(), target.rawPublisher().user(), target.rawPublisher().password(), INFLIGHT)) {
            return load.run(rate, 1, Load.QUIET, Load.TIMEOUT, seq -> pub.publish(target.rawTopic(),
                    "{\"levelCm\":" + level + ",\"seq\":\"" + tag + ":" + seq + "\"}"));
        }
    }

    /** Counts a tagged message of this run ({@code tag:seq} in its payload). */
    private static void arrived(Load load, String tag, byte[] payload) {
        String p = new String(payload, StandardCharsets.UTF_8);
        int at = p.indexOf(tag + ":");
        if (at >= 0) {
            int from = at + tag.length() + 1;
            load.arrived(Long.parseLong(p.substring(from, p.indexOf('"', from))));
        }
    }

    private static void close(MqttAsyncClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }

    /** Through ingest: a gauge reading published as a gateway does, to the observation in Kafka. */
    private Figures ingest(int n, double rate) throws Exception {
        Load load = new Load("mqtt -> observation (ingest)", n);
        Instant base = nextBase;
        nextBase = base.plusMillis(n + 1000L);
        String topic = target.config().mqtt().prefix() + "/gauge/" + station;
        try (TopicTail<Observation> tail = new TopicTail<>(target.kafka(), Topics.OBSERVATIONS, s -> {
            if (s.value() instanceof GaugeReading g && g.stationId().equals(station)) {
                load.arrived(g.observedAt().toEpochMilli() - base.toEpochMilli());
            }
        });
                MqttSender pub = new MqttSender(target.mqttUrl(), target.gateway().user(), target.gateway().password(), INFLIGHT)) {
            return load.run(rate, 1, Load.QUIET, Load.TIMEOUT, seq -> pub.publish(topic,
                    "{\"levelCm\":" + level + ",\"observedAt\":\"" + base.plusMillis(seq) + "\"}"));
        }
    }

    static MqttConnectOptions options(Target.Account account) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setMaxInflight(INFLIGHT);
        o.setConnectionTimeout(10);
        if (account.user() != null) {
            o.setUserName(account.user());
            o.setPassword(account.password() == null ? new char[0] : account.password().toCharArray());
        }
        return o;
    }
}
