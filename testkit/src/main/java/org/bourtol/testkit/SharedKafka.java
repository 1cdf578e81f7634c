package org.bourtol.testkit;

import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.embedded.EmbeddedKafka;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.TopicAdmin;
import org.bourtol.platform.kafka.TopicLayout;

/**
 * One embedded Kafka broker per test JVM (failsafe runs all ITs of a module in one JVM), started on
 * first use on a free loopback port with the topic catalogue created, stopped at JVM exit. Tests that
 * need isolation use their own consumer groups, application ids and keys, not their own broker.
 */
public final class SharedKafka {

    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    public static synchronized String bootstrap() {
        if (kafka == null) {
            kafka = new EmbeddedKafka(EmbeddedKafka.tempDataDir("bourtol-it-kafka"), 0).start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "shared-kafka-stop"));
            TopicAdmin.ensureTopics(clients(), TopicLayout.SINGLE_NODE);
        }
        return kafka.bootstrap();
    }

    public static KafkaClients clients() {
        return new KafkaClients(config());
    }

    public static BourtolConfig.Kafka config() {
        return new BourtolConfig.Kafka(bootstrap(), "PLAINTEXT", "PLAIN", null, null, null, null, 0);
    }
}
