package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TopicFollower} against a real broker: catching up over several partitions, following, the end barrier. */
@Timeout(120)
class TopicFollowerIT {

    private final KafkaClients kafka = SharedKafka.clients();

    @Test
    void fromTheBeginningItCatchesUpOnEveryPartitionThenFollowsAndAwaitEndSeesEverythingWrittenBefore() throws Exception {
        String topic = topic();
        send(topic, 30, "old");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower f = new TopicFollower(kafka.consumer(null), topic, TopicFollower.From.BEGINNING, r -> seen.add(value(r))).start()) {
            assertTrue(f.awaitCaughtUp(Duration.ofSeconds(60)), "caught up");
            assertTrue(f.isCaughtUp());
            assertEquals(30, seen.size(), "every record present at start is handed over before caught up: " + seen);
            send(topic, 20, "new");
            assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "end barrier");
            assertEquals(50, seen.size(), "every record written before awaitEnd was called: " + seen);
        }
    }

    @Test
    void fromTheEndItSeesOnlyNewRecordsAndAThrowingHandlerSkipsOneRecordWithoutStopping() throws Exception {
        String topic = topic();
        send(topic, 10, "before");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower f = new TopicFollower(kafka.consumer(null), topic, TopicFollower.From.END, r -> {
            String v = value(r);
            if (v.equals("after-3")) {
                throw new IllegalStateException("handler bug");
            }
            seen.add(v);
        }).start()) {
            assertTrue(f.awaitCaughtUp(Duration.ofSeconds(60)), "positioned at the end");
            send(topic, 6, "after");
            assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "end barrier");
            assertEquals(5, seen.size(), "six new records, one handler failure, none of the old: " + seen);
            assertTrue(seen.stream().allMatch(v -> v.startsWith("after-")), seen.toString());
        }
    }

    @Test
    void anIdleFollowerAnswersAwaitEndAtOnceAndConcurrentWaitersEachSeeWhatWasWrittenBeforeTheirCall() throws Exception {
        String topic = topic();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower f = new TopicFollower(kafka.consumer(null), topic, TopicFollower.From.BEGINNING, r -> seen.add(value(r))).start()) {
            assertTrue(f.awaitCaughtUp(Duration.ofSeconds(60)), "caught up");
            assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "first end barrier");
            // idle from here on: after each barrier the follower is back in its long poll
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "end barrier " + i);
            }
            Duration five = Duration.ofNanos(System.nanoTime() - start);
            // each call wakes the idle poll; without that each would wait for it to end (two seconds)
            assertTrue(five.compareTo(Duration.ofSeconds(3)) < 0, "five end barriers on an idle follower took " + five);

            // a transaction's records: its commit marker ends no poll, the barrier still completes
            Properties txProps = kafka.producer("it-follower-tx");
            txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-follower-tx-" + UUID.randomUUID());
            try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(txProps)) {
                tx.initTransactions();
                tx.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    tx.send(new ProducerRecord<>(topic, i % 3, null, ("tx-" + i).getBytes(StandardCharsets.UTF_8)));
                }
                tx.commitTransaction();
            }
            assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "end barrier after a transaction");
            assertTrue(seen.containsAll(List.of("tx-0", "tx-1", "tx-2")), seen.toString());

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String who = "w" + t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            String v = who + "-" + i;
                            sendOne(topic, i % 3, v);
                            assertTrue(f.awaitEnd(Duration.ofSeconds(60)), "end barrier of " + v);
                            assertTrue(seen.contains(v), v + " written before awaitEnd was called: " + seen);
                        }
                        return null;
                    }));
                }
                for (Future<?> d : done) {
                    d.get(90, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(43, seen.size(), seen.toString());
        }
    }

    private void sendOne(String topic, int partition, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producer("it-follower"))) {
            p.send(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private String topic() throws Exception {
        String name = "it-follower-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafka.common())) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
        }
        return name;
    }

    private void send(String topic, int n, String prefix) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producer("it-follower"))) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, i % 3, null, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String value(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }
}
