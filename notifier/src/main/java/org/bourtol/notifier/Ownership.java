package org.bourtol.notifier;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.StaticMembership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which notifier instance sends: the one that holds the partition of {@code bourtol.alerts.v1} in the
 * consumer group {@code <group>}. Kafka's group protocol guarantees one holder at a time; the
 * records themselves are not used (the partitions are paused), only the assignment. Revocation
 * first clears the flag, then waits (bounded) for in-flight sends, so the next owner starts from a
 * ledger that contains every intent of this one. A static member named after the instance id, so a
 * restart after a crash gets ownership back at once; {@link #close} leaves the group so a stop hands it
 * over at once. Used only from the engine thread.
 */
final class Ownership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

    /** Called on the engine thread when ownership is gained (the flag is already set) and lost (already cleared). */
    interface Listener {
        void gained();

        void lost();
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicBoolean owner = new AtomicBoolean();

    Ownership(KafkaClients clients, String group, String instanceId, Listener listener) {
        var props = clients.consumer(group, instanceId);
        props.put("client.id", "notifier-owner-" + instanceId);
        props.put("max.poll.records", 1);
        // sticky: a joining instance does not take ownership away from a running one
        props.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        this.consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(Topics.ALERTS.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty() && owner.getAndSet(false)) {
                    LOG.info("notifier ownership revoked [instance: {}]", instanceId);
                    listener.lost();
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                consumer.pause(consumer.assignment());
                if (!consumer.assignment().isEmpty() && !owner.getAndSet(true)) {
                    listener.gained();
                    LOG.info("notifier ownership gained [instance: {}, partitions: {}]", instanceId, consumer.assignment());
                }
            }
        });
    }

    /** Keeps the group membership alive; call every ~100 ms from the engine thread. */
    void poll(Duration timeout) {
        consumer.poll(timeout);
    }

    boolean isOwner() {
        return owner.get();
    }

    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        owner.set(false);
        StaticMembership.closeLeaving(consumer, Duration.ofSeconds(3));
    }
}
