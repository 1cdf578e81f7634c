package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
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
