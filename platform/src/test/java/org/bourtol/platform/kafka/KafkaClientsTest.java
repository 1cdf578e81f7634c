package org.bourtol.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static BourtolConfig.Kafka config(Map<String, String> env) {
        return ConfigLoader.load((String) null, env).kafka();
    }

    @Test
    void plaintextHasNoSaslSettings() {
        Properties p = new KafkaClients(config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k1:9092,k2:9092"))).common();
        assertEquals("k1:9092,k2:9092", p.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", p.get("security.protocol"));
        assertFalse(p.containsKey("sasl.jaas.config"));
    }

    @Test
    void saslScramOverTls() {
        Properties p = new KafkaClients(config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9093", "BOURTOL_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "BOURTOL_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "BOURTOL_KAFKA_USERNAME", "bourtol", "BOURTOL_KAFKA_PASSWORD", "pw"))).common();
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bourtol\" password=\"pw\";",
                p.get("sasl.jaas.config"));
    }

    @Test
    void crashedMembersAreDroppedAfterTheConfiguredSessionTimeout() {
        Properties defaults = new KafkaClients(config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9092"))).consumer("g");
        assertEquals(15_000, defaults.get("session.timeout.ms"), "not Kafka's 45 s: warnings would wait that long after a crash");
        assertEquals(5_000, defaults.get("heartbeat.interval.ms"));
        Properties tuned = new KafkaClients(config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9092",
                "BOURTOL_KAFKA_SESSION_TIMEOUT_SECONDS", "30"))).membership();
        assertEquals(30_000, tuned.get("session.timeout.ms"));
        assertThrows(RuntimeException.class, () -> config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9092",
                "BOURTOL_KAFKA_SESSION_TIMEOUT_SECONDS", "3")), "below the broker's 6 s minimum");
    }

    @Test
    void producerAndConsumerDefaults() {
        KafkaClients c = new KafkaClients(config(Map.of("BOURTOL_KAFKA_BOOTSTRAP", "k:9092")));
        Properties prod = c.producer("p");
        assertEquals("all", prod.get("acks"));
        assertEquals(true, prod.get("enable.idempotence"));
        Properties cons = c.consumer("g");
        assertEquals("g", cons.get("group.id"));
        assertEquals("read_committed", cons.get("isolation.level"));
        assertEquals(false, cons.get("enable.auto.commit"));
        assertTrue(!c.consumer(null).containsKey("group.id"));
    }

    @Test
    void bootstrapIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new KafkaClients(config(Map.of())));
    }
}
