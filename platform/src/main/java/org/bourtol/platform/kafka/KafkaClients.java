package org.bourtol.platform.kafka;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bourtol.contracts.config.BourtolConfig;

/** Client properties for the configured cluster: bootstrap, security protocol, SASL and trust store. */
public final class KafkaClients {

    private final BourtolConfig.Kafka config;

    public KafkaClients(BourtolConfig.Kafka config) {
        if (config.bootstrap() == null) {
            throw new IllegalArgumentException("kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is not set");
        }
        this.config = config;
    }

    public String bootstrap() {
        return config.bootstrap();
    }

    /** Connection and security settings common to every client. */
    public Properties common() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.securityProtocol());
        if (config.securityProtocol().startsWith("SASL")) {
            p.put(SaslConfigs.SASL_MECHANISM, config.saslMechanism());
            String module = config.saslMechanism().startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + config.username()
                    + "\" password=\"" + config.password() + "\";");
        }
        if (config.truststorePath() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, config.truststorePath());
            if (config.truststorePassword() != null) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, config.truststorePassword());
            }
        }
        return p;
    }

    /**
     * Group membership timing: a member silent for {@code kafka.sessionTimeoutSeconds} is dropped and its
     * partitions move to the others; heartbeats every third of it. For consumers and Kafka Streams.
     */
    public Properties membership() {
        Properties p = new Properties();
        int ms = config.sessionTimeoutSeconds() * 1000;
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ms);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ms / 3);
        return p;
    }

    /** An idempotent producer with acks=all, raw bytes (records are serialized by their {@code Topic} serdes). */
    public Properties producer(String clientId) {
        Properties p = common();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** A consumer reading committed data only, offsets committed by the caller. */
    public Properties consumer(String groupId) {
        Properties p = common();
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.putAll(membership());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * A consumer in group {@code groupId} as the static member {@code <groupId>-<member>}
     * ({@code group.instance.id}, see {@link StaticMembership}): {@code member} must be stable across restarts and
     * unique among the group's instances. Close it with {@link StaticMembership#closeLeaving} on a deliberate stop.
     */
    public Properties consumer(String groupId, String member) {
        Properties p = consumer(groupId);
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId + "-" + member);
        return p;
    }
}
