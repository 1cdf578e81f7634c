package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.kafka.TopicAdmin;
import org.bourtol.platform.kafka.TopicLayout;
import org.bourtol.testkit.Poll;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;

/** Retention of the catalogue: the audit trail, alerts and deliveries are kept forever, other events 30 days. */
class TopicCatalogueIT {

    @Test
    void auditAlertsAndDeliveriesAreKeptForeverEvenWhenCreatedWithALimit() throws Exception {
        try (Admin admin = Admin.create(SharedKafka.clients().common())) {
            assertEquals("-1", retention(admin, Topics.AUDIT.name()));
            assertEquals("-1", retention(admin, Topics.ALERTS.name()));
            assertEquals("-1", retention(admin, Topics.DELIVERIES.name()));
            assertEquals("-1", retention(admin, Topics.OUTCOMES.name()), "a past month's report is computed from the outcomes");
            assertEquals("-1", retention(admin, Topics.GROUND_TRUTH.name()), "a past season is backtested against its ground truth");
            assertEquals(String.valueOf(200L * 24 * 3600 * 1000), retention(admin, Topics.OBSERVATIONS.name()), "a season can be backtested from Kafka");
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, config(admin, Topics.RULES.name(), TopicConfig.CLEANUP_POLICY_CONFIG));

            // a topic created by an earlier version with a 30-day limit is put right at the next start
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.AUDIT.name()),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "2592000000"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            Poll.until(Duration.ofSeconds(30), "the 30-day limit applied", () -> "2592000000".equals(retention(admin, Topics.AUDIT.name())));
            TopicAdmin.ensureTopics(SharedKafka.clients(), TopicLayout.SINGLE_NODE);
            Poll.until(Duration.ofSeconds(30), "the limit removed at start", () -> "-1".equals(retention(admin, Topics.AUDIT.name())));
        }
    }

    private static String retention(Admin admin, String topic) {
        return config(admin, topic, TopicConfig.RETENTION_MS_CONFIG);
    }

    private static String config(Admin admin, String topic, String name) {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r).get(name).value();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }
}
