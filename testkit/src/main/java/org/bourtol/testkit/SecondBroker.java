package org.bourtol.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.bourtol.embedded.EmbeddedKafka;

/**
 * A broker-only Kafka node (node id 2) joining the controller of an {@link EmbeddedKafka} started on {@code firstDataDir}:
 * a partition placed on it alone has no leader while it is stopped, which a single node cannot show. Stopped and
 * started again on the same log directory and port.
 */
public final class SecondBroker implements AutoCloseable {

    private final Properties props;
    private KafkaRaftServer server;

    /** Configured from the first node's generated {@code kafka-server.properties} and cluster id; storage formatted once. */
    public SecondBroker(Path firstDataDir, Path dataDir) {
        try {
            Properties first = new Properties();
            try (InputStream in = Files.newInputStream(firstDataDir.resolve(EmbeddedKafka.PROPERTIES_FILE))) {
                first.load(in);
            }
            String clusterId = Files.readString(firstDataDir.resolve(EmbeddedKafka.CLUSTER_ID_FILE)).trim();
            int port = EmbeddedKafka.freePort();
            props = new Properties();
            props.putAll(first);
            props.put("process.roles", "broker");
            props.put("node.id", "2");
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("log.dirs", dataDir.resolve("kafka").toAbsolutePath().toString());
            Path propsFile = dataDir.resolve(EmbeddedKafka.PROPERTIES_FILE);
            Files.createDirectories(dataDir.resolve("kafka"));
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "second broker of a test");
            }
            EmbeddedKafka.format(clusterId, propsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized SecondBroker start() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return this;
    }

    /** A clean shutdown: the controller takes leadership away from it (none left for a partition placed on it alone). */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
