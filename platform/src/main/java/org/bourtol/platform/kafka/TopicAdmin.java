package org.bourtol.platform.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.bourtol.contracts.topic.Topic;
import org.bourtol.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topic catalogue idempotently (existing topics are left as they are). Blocking: call from a worker. */
public final class TopicAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
    private static final String EVENT_RETENTION_MS = String.valueOf(30L * 24 * 3600 * 1000);

    private TopicAdmin() {
    }

    public static List<String> ensureTopics(KafkaClients clients, short replicationFactor) {
        try (Admin admin = Admin.create(clients.common())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<String, ?> t : Topics.ALL) {
                if (!existing.contains(t.name())) {
                    Map<String, String> cfg = t.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                                    TopicConfig.RETENTION_MS_CONFIG, EVENT_RETENTION_MS);
                    missing.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(cfg));
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
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + clients.bootstrap() + ": " + e.getMessage(), e);
        }
    }
}
