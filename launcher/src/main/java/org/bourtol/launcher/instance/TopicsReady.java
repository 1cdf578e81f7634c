package org.bourtol.launcher.instance;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicAdmin;
import org.bourtol.platform.kafka.TopicLayout;

/**
 * Creates the topic catalogue (idempotent) and waits until every partition has a leader in the
 * metadata clients see: KRaft propagates creation asynchronously, and a component that subscribes
 * before that sees an unknown topic.
 */
final class TopicsReady {

    private TopicsReady() {
    }

    static void ensure(KafkaClients kafka, TopicLayout layout, Duration timeout) {
        TopicAdmin.ensureTopics(kafka, layout);
        Properties props = kafka.consumer(null);
        props.put("enable.metrics.push", false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            for (Topic<String, ?> t : Topics.ALL) {
                while (!ready(c, t)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + t.name() + " has no leader after " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
    }

    private static boolean ready(KafkaConsumer<byte[], byte[]> c, Topic<String, ?> t) {
        List<PartitionInfo> parts = c.partitionsFor(t.name(), Duration.ofSeconds(5));
        return parts != null && !parts.isEmpty() && parts.stream().allMatch(p -> p.leader() != null);
    }
}
