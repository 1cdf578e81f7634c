package org.bourtol.launcher.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.mqtt.MqttOptions;
import org.bourtol.simulator.publish.MqttSender;
import org.bourtol.simulator.truth.TopicTail;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT → observation (a QoS 1 gauge reading published as a gateway does, to the observation read back from
 * {@code bourtol.observations.v1}) against the raw broker: the same publisher, QoS 1 and payload size, to a Paho
 * QoS 1 subscriber on the same broker. The readings sit below every warning level, so the rules do not alert.
 */
final class MqttHop {

    static final int INFLIGHT = 100;

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

    Hop measure(int n, Jit jit) throws Exception {
        String broker = target.embedded() ? "embedded broker (HiveMQ CE)" : "broker " + target.mqttUrl();
        return Hop.measure("MQTT QoS 1 → observation, " + broker, n, List.of(this::raw, this::ingest),
                List.of("publisher: Paho MQTT 3.1.1, QoS 1, " + INFLIGHT + " messages in flight; latency from publish to subscriber"
                        + " callback (raw) or to the observation read from Kafka (ingest)"),
                jit);
    }

    /** Raw broker: publish to {@code rawTopic}, a Paho QoS 1 subscriber on the same broker receives. */
    private Figures raw(int n, double rate) throws Exception {
        Load load = new Load("mqtt pub->sub (raw broker)", n);
        String tag = "r" + load.id() + "-" + UUID.randomUUID().toString().substring(0, 6);
        MqttAsyncClient sub = new MqttAsyncClient(MqttOptions.pahoUrl(target.mqttUrl()), "bourtol-bench-sub-" + tag, new MemoryPersistence());
        try (MqttSender pub = new MqttSender(target.mqttUrl(), target.rawPublisher().user(), target.rawPublisher().password(), INFLIGHT)) {
            sub.connect(options(target.rawSubscriber())).waitForCompletion(15_000);
            sub.subscribe(target.rawTopic(), 1, (topic, message) -> {
                String p = new String(message.getPayload(), StandardCharsets.UTF_8);
                int at = p.indexOf(tag + ":");
                if (at >= 0) {
                    int from = at + tag.length() + 1;
                    load.arrived(Long.parseLong(p.substring(from, p.indexOf('"', from))));
                }
            }).waitForCompletion(15_000);
            // the same size as a gauge reading's payload
            return load.run(rate, 1, Load.QUIET, Load.TIMEOUT, seq -> pub.publish(target.rawTopic(),
                    "{\"levelCm\":" + level + ",\"seq\":\"" + tag + ":" + seq + "\"}"));
        } finally {
            if (sub.isConnected()) {
                sub.disconnect().waitForCompletion(5_000);
            }
            sub.close();
        }
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
