package org.bourtol.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.embedded.EmbeddedKafka;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.SecondBroker;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hanging-transaction check against real brokers: a transaction in progress is never aborted (the shared embedded
 * broker); one Kafka left hanging is aborted and its partition's readers move on (a broker of its own with a second one).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HangingTransactionsIT {

    @Test
    void aTransactionInProgressIsLeftAloneAndCommitsAfterTwoChecks() throws Exception {
        String app = "hanging-it-" + UUID.randomUUID();
        String topic = app + "-out";
        try (Admin admin = Admin.create(SharedKafka.clients().common());
                HangingTransactions check = new HangingTransactions(Admin.create(SharedKafka.clients().common()), app)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Properties p = SharedKafka.clients().producer("hanging-it");
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, app + "-" + UUID.randomUUID() + "-1");
            p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "in progress".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                TopicPartition tp = new TopicPartition(topic, 0);
                // the leader reports it open, the coordinator too: in progress, so neither the first check nor the second aborts it
                assertTrue(admin.describeProducers(Set.of(tp)).partitionResult(tp).get(10, TimeUnit.SECONDS).activeProducers().stream()
                        .anyMatch(s -> s.currentTransactionStartOffset().isPresent()), "the transaction is open on the partition");
                assertEquals(List.of(), check.check());
                assertTrue(check.openSeen() >= 1, "the check saw the open transaction: " + check.openSeen());
                assertEquals(List.of(), check.check());
                producer.commitTransaction();
            }
            assertEquals(List.of("in progress"), readCommitted(SharedKafka.clients(), topic, Duration.ofSeconds(30)), "committed, not aborted by the checks");
            assertEquals(List.of(), check.check());
            assertTrue(check.openSeen() >= 0, "the check ran");
        }
    }

    /**
     * Kafka's own behaviour, reproduced: a transaction committed while one of its partitions has no leader is completed
     * without that partition's marker and hangs there for good (what an unclean restart of a single broker does to
     * every partition at once); the check aborts it on its second finding, and the partition's readers move on.
     */
    @Test
    void aTransactionCommittedWhileItsPartitionHadNoLeaderHangsUntilTheCheckAbortsIt(@TempDir Path dir) throws Exception {
        String app = "hanging-it-" + UUID.randomUUID();
        String topic = app + "-out";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (EmbeddedKafka first = new EmbeddedKafka(dir.resolve("one"), 0).start()) {
            KafkaClients clients = new KafkaClients(new BourtolConfig.Kafka(first.bootstrap(), "PLAINTEXT", "PLAIN", null, null, null, null, 0));
            // the transaction state topic on the first broker only: the coordinator must outlive the second broker's stop
            Properties warm = clients.producer("hanging-it-warm");
            warm.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, app + "-warm");
            try (KafkaProducer<byte[], byte[]> w = new KafkaProducer<>(warm, new ByteArraySerializer(), new ByteArraySerializer())) {
                w.initTransactions();
            }
            try (SecondBroker second = new SecondBroker(dir.resolve("one"), dir.resolve("two")).start();
                    Admin admin = Admin.create(clients.common());
                    HangingTransactions check = new HangingTransactions(Admin.create(clients.common()), app)) {
                Poll.until(Duration.ofSeconds(30), "the second broker registered", () -> Integer.valueOf(2).equals(get(() -> admin.describeCluster().nodes().get().size())));
                admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(2))))).all().get(30, TimeUnit.SECONDS);
                Properties p = clients.producer("hanging-it");
                p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, app + "-" + UUID.randomUUID() + "-1");
                p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
                try {
                    producer.initTransactions();
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(topic, bytes("hanging"))).get(10, TimeUnit.SECONDS);
                    second.stop();
                    // fenced (gone from the cluster's brokers), so the controller leaves the partition without a leader
                    Poll.until(Duration.ofSeconds(60), "the second broker fenced and no leader for " + tp, () -> Integer.valueOf(1)
                            .equals(get(() -> admin.describeCluster().nodes().get().size())) && Integer.valueOf(-1).equals(leader(admin, topic)));
                    // the coordinator skips the leaderless partition's marker ("likely deleted") and completes the commit
                    producer.commitTransaction();
                } finally {
                    producer.close(Duration.ofSeconds(5));
                }
                second.start();
                Poll.until(Duration.ofSeconds(60), "the partition open again", () -> Integer.valueOf(2).equals(leader(admin, topic)));
                try (KafkaProducer<byte[], byte[]> plain = new KafkaProducer<>(clients.producer("hanging-it-after"), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    plain.send(new ProducerRecord<>(topic, bytes("after"))).get(30, TimeUnit.SECONDS);
                }
                assertEquals(List.of(), readCommitted(clients, topic, Duration.ofSeconds(5)), "readers stuck at the hanging transaction");
                assertEquals(List.of(), check.check(), "found once: a suspect, not aborted yet");
                assertTrue(check.openSeen() >= 1, "the partition's leader reports the transaction open: " + check.openSeen());
                List<HangingTransactions.Open> aborted = check.check();
                assertEquals(1, aborted.size(), "aborted on its second finding: " + aborted);
                assertEquals(tp, aborted.get(0).partition());
                assertEquals(List.of("after"), readCommitted(clients, topic, Duration.ofSeconds(30)), "readers move on; the hanging record is aborted");
                assertEquals(List.of(), check.check());
            }
        }
    }

    /** The leader of the topic's partition 0: its node id, -1 for none, null when the request failed. */
    private static Integer leader(Admin admin, String topic) {
        return get(() -> {
            org.apache.kafka.common.Node leader = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader();
            return leader == null ? -1 : leader.id();
        });
    }

    /** An admin answer inside a poll: a failed request is null (asked again). */
    private static <T> T get(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What a read_committed reader of the topic sees within {@code wait} (all of it once something arrived). */
    private static List<String> readCommitted(KafkaClients clients, String topic, Duration wait) {
        Properties c = clients.consumer("hanging-it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + wait.toNanos();
            while (values.isEmpty() && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
