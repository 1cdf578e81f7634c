package org.bourtol.platform.kafka;

import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;

/**
 * How Bourtol's topics are laid out on a cluster: replication factor, {@code min.insync.replicas} and the
 * observations topic's partition count (which bounds the rules' parallelism: one Streams task per
 * partition). Resolved once at startup from the configuration and the cluster's size; pure.
 *
 * @param replicationFactor  replicas of every topic Bourtol creates (and of the Streams internal topics)
 * @param minInsyncReplicas  replicas that must acknowledge a write ({@code acks=all}) before it succeeds
 * @param observationPartitions partitions of {@code bourtol.observations.v1} when Bourtol creates it
 * @param observationRetentionDays days {@code bourtol.observations.v1} keeps its records (backtests replay them)
 */
public record TopicLayout(short replicationFactor, int minInsyncReplicas, int observationPartitions, int observationRetentionDays) {

    /** One broker, one replica: the embedded broker and single-node tests. */
    public static final TopicLayout SINGLE_NODE = new TopicLayout((short) 1, 1, Topics.OBSERVATIONS.partitions());

    public TopicLayout {
        if (replicationFactor < 1 || minInsyncReplicas < 1 || observationPartitions < 1 || observationRetentionDays < 1) {
            throw new IllegalArgumentException("topic layout values must be positive");
        }
    }

    /** With the default observation retention. */
    public TopicLayout(short replicationFactor, int minInsyncReplicas, int observationPartitions) {
        this(replicationFactor, minInsyncReplicas, observationPartitions, BourtolConfig.Kafka.DEFAULT_OBSERVATION_RETENTION_DAYS);
    }

    /**
     * The layout for this configuration on a cluster of {@code brokers} brokers. Unset values are derived:
     * replication factor 1 on the embedded broker, else min(3, brokers); min.insync.replicas 2 when the
     * factor is 3 or more (one broker may be down and writes still succeed), else 1.
     *
     * @throws IllegalStateException naming the key and the fix when the cluster cannot satisfy the configuration
     */
    public static TopicLayout resolve(BourtolConfig.Kafka kafka, boolean embedded, int brokers) {
        int rf = kafka.replicationFactor() != null ? kafka.replicationFactor() : embedded ? 1 : Math.max(1, Math.min(3, brokers));
        if (rf > brokers) {
            throw new IllegalStateException("kafka.replicationFactor (BOURTOL_KAFKA_REPLICATION_FACTOR) is " + rf + " but the cluster at "
                    + kafka.bootstrap() + " has " + brokers + " broker" + (brokers == 1 ? "" : "s")
                    + ": set it to at most " + brokers + " or add brokers");
        }
        int minIsr = kafka.minInsyncReplicas() != null ? kafka.minInsyncReplicas() : rf >= 3 ? 2 : 1;
        if (minIsr > rf) {
            throw new IllegalStateException("kafka.minInsyncReplicas (BOURTOL_KAFKA_MIN_INSYNC_REPLICAS) is " + minIsr
                    + " but topics have only " + rf + " replica" + (rf == 1 ? "" : "s") + ": no write could succeed");
        }
        return new TopicLayout((short) rf, minIsr, kafka.observationPartitions(), kafka.observationRetentionDays());
    }

    /** {@code retention.ms} of the observations topic. */
    public long observationRetentionMs() {
        return observationRetentionDays * 24L * 3600 * 1000;
    }

    /** Partitions a catalogue topic is created with. */
    public int partitionsOf(Topic<String, ?> t) {
        return t == Topics.OBSERVATIONS ? observationPartitions : t.partitions();
    }
}
