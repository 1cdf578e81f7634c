package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PublisherTest {

    @Test
    void publishReturnsAtOnceWhenKafkaIsUnreachable() {
        KafkaClients clients = new KafkaClients(ConfigLoader.load((String) null,
                Map.of("BOURTOL_KAFKA_BOOTSTRAP", "127.0.0.1:1")).kafka());
        try (Publisher p = new Publisher(clients, "publisher-test")) {
            long start = System.nanoTime();
            p.publish(Topics.AUDIT, null, null);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 1000, "publish blocked its caller for " + ms + " ms");
        }
    }
}
