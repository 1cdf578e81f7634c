package org.bourtol.launcher.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.bourtol.testkit.SharedKafka;
import org.junit.jupiter.api.Test;

/**
 * What the embedded broker tells an administrator about itself: its log cleaner is throttled, so that compacting the
 * rules' changelogs does not take a whole core from the stream threads on a small machine (docs/operations.md, "Sizing").
 */
class EmbeddedBrokerConfigIT {

    @Test
    void theLogCleanerReadsAndWritesAtMostEightMegabytesASecond() throws Exception {
        try (Admin admin = Admin.create(SharedKafka.clients().common())) {
            String node = String.valueOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
            String value = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker)
                    .get("log.cleaner.io.max.bytes.per.second").value();
            assertEquals(8.0 * 1024 * 1024, Double.parseDouble(value), "the broker's cleaner throttle: " + value);
        }
    }
}
