package org.bourtol.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topic catalogue idempotently, and keeps the topics of {@link Topics#KEPT_FOREVER} at
 * unlimited retention (also when they were created earlier with a limit), and the observations topic at
 * {@code kafka.observationRetentionDays}. Blocking: call from a worker.
 */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final String EVENT_RETENTION_MS = String.valueOf(30L * 24 * 3600 * 1000);

    private TopicAdmin() {
    }

    /** Cleanup policy and retention of a catalogue topic, with the layout's min.insync.replicas. */
    static Map<String, String> configOf(Topic<String, ?> t, TopicLayout layout) {
        String minIsr = String.valueOf(layout.minInsyncReplicas());
        if (t.compacted()) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
        }
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Topics.KEPT_FOREVER.contains(t) ? "-1"
                        : t == Topics.OBSERVATIONS ? String.valueOf(layout.observationRetentionMs()) : EVENT_RETENTION_MS,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
    }

    private static void keepForever(Admin admin, Set<String> existing, TopicLayout layout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new java.util.HashMap<>();
        if (existing.contains(Topics.OBSERVATIONS.name())) {
            // backtests replay observations from Kafka: an older topic gets the configured retention too
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, Topics.OBSERVATIONS.name()), List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(layout.observationRetentionMs())), AlterConfigOp.OpType.SET)));
        }
        for (Topic<String, ?> t : Topics.KEPT_FOREVER) {
            if (existing.contains(t.name())) {
                ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                        List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
            }
        }
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Creates the missing catalogue topics with the layout's replication, partitions and min.insync.replicas.
     * Existing topics are left as they are (their partition count decides the parallelism; changing it would
     * move keys between partitions and so between state stores): a difference from the layout is logged.
     *
     * @return the names of the topics created
     */
    public static List<String> ensureTopics(KafkaClients clients, TopicLayout layout) {
        try (Admin admin = Admin.create(clients.common())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<String, ?> t : Topics.ALL) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), layout.partitionsOf(t), layout.replicationFactor()).configs(configOf(t, layout)));
                }
            }
            if (existing.contains(Topics.OBSERVATIONS.name())) {
                int actual = admin.describeTopics(List.of(Topics.OBSERVATIONS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(Topics.OBSERVATIONS.name()).partitions().size();
                if (actual != layout.observationPartitions()) {
                    LOG.warn("observations topic kept as it is [topic: {}, partitions: {}, kafka.observationPartitions: {}]; "
                            + "see docs/operations.md to change it", Topics.OBSERVATIONS.name(), actual, layout.observationPartitions());
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.info("topics created [count: {}, names: {}]", missing.size(), missing.stream().map(NewTopic::name).toList());
            }
            keepForever(admin, existing, layout);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + clients.bootstrap() + ": " + e.getMessage(), e);
        }
    }
}
