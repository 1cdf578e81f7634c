package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.topic.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

    private static BourtolConfig.Kafka kafka(Map<String, String> env) {
        return ConfigLoader.load((String) null, env).kafka();
    }

    @ParameterizedTest(name = "{0} brokers, embedded {1} -> rf {2}, min ISR {3}")
    @CsvSource({
        "1, true, 1, 1",
        "1, false, 1, 1",
        "2, false, 2, 1",
        "3, false, 3, 2",
        "5, false, 3, 2",
    })
    void derivedFromTheClusterWhenUnset(int brokers, boolean embedded, int rf, int minIsr) {
        TopicLayout l = TopicLayout.resolve(kafka(Map.of()), embedded, brokers);
        assertEquals(rf, l.replicationFactor());
        assertEquals(minIsr, l.minInsyncReplicas());
        assertEquals(3, l.observationPartitions());
    }

    @Test
    void configuredValuesWinAndTheObservationsTopicTakesTheConfiguredPartitions() {
        TopicLayout l = TopicLayout.resolve(kafka(Map.of("BOURTOL_KAFKA_REPLICATION_FACTOR", "2",
                "BOURTOL_KAFKA_MIN_INSYNC_REPLICAS", "2", "BOURTOL_KAFKA_OBSERVATION_PARTITIONS", "12")), false, 3);
        assertEquals(2, l.replicationFactor());
        assertEquals(2, l.minInsyncReplicas());
        assertEquals(12, l.partitionsOf(Topics.OBSERVATIONS));
        assertEquals(Topics.ALERTS.partitions(), l.partitionsOf(Topics.ALERTS));
    }

    @Test
    void aReplicationFactorTheClusterCannotHoldIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicLayout.resolve(kafka(Map.of("BOURTOL_KAFKA_REPLICATION_FACTOR", "3")), false, 1));
        assertTrue(e.getMessage().contains("kafka.replicationFactor (BOURTOL_KAFKA_REPLICATION_FACTOR) is 3"), e.getMessage());
        assertTrue(e.getMessage().contains("has 1 broker:"), e.getMessage());
    }

    @Test
    void moreInSyncReplicasThanReplicasIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TopicLayout.resolve(kafka(Map.of("BOURTOL_KAFKA_MIN_INSYNC_REPLICAS", "2")), true, 1));
        assertTrue(e.getMessage().contains("no write could succeed"), e.getMessage());
    }

    @Test
    void minInsyncAboveTheConfiguredFactorIsAConfigProblem() {
        var e = assertThrows(org.bourtol.contracts.config.ConfigException.class, () -> kafka(Map.of(
                "BOURTOL_KAFKA_REPLICATION_FACTOR", "2", "BOURTOL_KAFKA_MIN_INSYNC_REPLICAS", "3")));
        assertTrue(e.getMessage().contains("kafka.minInsyncReplicas"), e.getMessage());
    }
}
