package org.bourtol.simulator.truth;

import org.bourtol.platform.Threads;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.platform.kafka.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a consumer group (the rules application) is behind the end of a topic, sampled on a daemon
 * thread every 250 ms. Used as back-pressure by the player. Reads nothing when the group is unknown
 * (lag 0), so a Bourtol without rules never blocks the replay.
 */
public final class GroupLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupLag.class);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Thread thread;
    private volatile long lag;
    private volatile boolean running = true;

    public GroupLag(KafkaClients kafka, String group, String topic) {
        java.util.Properties p = kafka.common();
        p.put("enable.metrics.push", false);
        this.admin = Admin.create(p);
        this.group = group;
        this.topic = topic;
        this.thread = new Thread(this::run, "sim-lag-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    public long lag() {
        return lag;
    }

    private void run() {
        while (running) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Set<TopicPartition> parts = committed.keySet().stream().filter(tp -> tp.topic().equals(topic)).collect(Collectors.toSet());
                if (parts.isEmpty()) {
                    lag = 0;
                } else {
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                            parts.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS);
                    long sum = 0;
                    for (TopicPartition tp : parts) {
                        OffsetAndMetadata c = committed.get(tp);
                        sum += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
                    }
                    lag = sum;
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debug("lag not available [group: {}, error: {}]", group, e.toString());
                lag = 0;
                if (!Threads.pause(Duration.ofSeconds(1))) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Threads.join(thread, Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
