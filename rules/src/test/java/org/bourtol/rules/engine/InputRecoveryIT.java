package org.bourtol.rules.engine;

import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.Families;
import org.bourtol.rules.RulesTopology;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.RunId;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading from a build whose station input store had a changelog: a task with nothing noted yet takes the pending
 * inputs of that changelog over (the latest value of each key, without those it had deleted) as aged inputs, logged in
 * the new changelog.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InputRecoveryIT {

    private static final Instant AT = Instant.parse("2024-08-11T06:00:00Z");

    @Test
    void aTaskWithNothingNotedTakesOverThePendingInputsOfThePreviousBuildsChangelog(@TempDir Path dir) throws Exception {
        String app = "input-recovery-it-" + UUID.randomUUID();
        String station = "it-upgrade-" + RunId.next();
        String previous = app + "-" + Families.STATION_INPUTS + "-inputs-changelog";
        GaugeReading a = gauge(station, 545, AT);
        GaugeReading b = gauge(station, 560, AT.plus(Duration.ofHours(1)));
        GaugeReading dropped = gauge(station, 570, AT.plus(Duration.ofHours(2)));
        Set<String> topics;
        try (Admin admin = Admin.create(SharedKafka.clients().common());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SharedKafka.clients().producer("input-recovery-it"),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions = admin.describeTopics(List.of(Topics.OBSERVATIONS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.OBSERVATIONS.name()).partitions().size();
            admin.createTopics(List.of(new NewTopic(previous, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
            // the partition of the station's task, as the previous build's store wrote it
            int p = Utils.toPositive(Utils.murmur2(station.getBytes(StandardCharsets.UTF_8))) % partitions;
            for (GaugeReading g : List.of(a, b, dropped)) {
                producer.send(record(previous, p, Timeline.pendingKey(station, g), Topics.OBSERVATIONS.valueSerde().serializer()
                        .serialize(previous, g)));
            }
            producer.send(record(previous, p, Timeline.pendingKey(station, dropped), null));
            producer.flush();
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        RulesEnv env = new RulesEnv(Duration.ofHours(6), 0.5);
        assertEquals(Set.of(Families.STATION_INPUTS + "-inputs"), RulesTopology.inputsLoggedBefore(env, topics, app));
        env.withInputsLoggedBefore(RulesTopology.inputsLoggedBefore(env, topics, app));
        Properties props = RulesTopology.properties(SharedKafka.clients().common(), app, dir);
        // a new consumer group: start at the end instead of evaluating every observation other tests left on the topic
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        try (KafkaStreams streams = new KafkaStreams(RulesTopology.build(env), props)) {
            streams.start();
            Poll.until(Duration.ofSeconds(60), "the rules running", () -> streams.state() == KafkaStreams.State.RUNNING);
            Map<String, Observation> logged = new TreeMap<>();
            String changelog = app + "-" + Families.STATION_INPUTS + "-aged-changelog";
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.clients().consumer(null), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                Poll.until(Duration.ofSeconds(30), "the aged inputs' changelog created", () -> !consumer.partitionsFor(changelog).isEmpty());
                consumer.assign(consumer.partitionsFor(changelog).stream().map(i -> new TopicPartition(changelog, i.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
                Poll.until(Duration.ofSeconds(30), "the two pending readings taken over and logged", () -> {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        String key = new String(r.key(), StandardCharsets.UTF_8);
                        if (r.value() == null) {
                            logged.remove(key);
                        } else {
                            logged.put(key, Topics.OBSERVATIONS.valueSerde().deserializer().deserialize(changelog, r.value()));
                        }
                    }
                    return logged.size() == 2;
                });
            }
            assertEquals(List.of(Timeline.pendingKey(station, a), Timeline.pendingKey(station, b)), List.copyOf(logged.keySet()));
            assertEquals(List.of(545, 560), logged.values().stream().map(o -> ((GaugeReading) o).levelCm()).toList());
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
