package org.bourtol.embedded;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 broker in this JVM: Moquette 0.17, bound to 127.0.0.1 unless {@link Listen#host()}
 * says otherwise (field gateways), optionally with a TLS listener from a keystore; every client
 * authenticates and is held to {@link MqttAccess} (anonymous access refused in every mode); telemetry
 * off, no websocket listener. Sessions, subscriptions and queued
 * QoS 1 messages of persistent sessions (clean session false) are persisted under
 * {@code dataDir}, so they survive a restart. Port 0 lets the broker pick a free port, read back with
 * {@link #port()} after {@link #start()} (a restart of the same instance keeps that port).
 *
 * <p>Why Moquette and not HiveMQ CE: Moquette starts in about a second with ~40 MB, and
 * delivered QoS 1 with low latency here; HiveMQ CE embedded delivered only 0.3–1.1k msg/s with
 * ~850 ms latency. Moquette speaks MQTT 3.1.1 only, which is why Bourtol uses the Paho v3 client
 * everywhere. Moquette 0.17 was compiled against Netty 4.1; it runs on the Netty 4.2 that the
 * Vert.x BOM brings (verified by EmbeddedMqttIT).
 */
public final class EmbeddedMqtt implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqtt.class);

    /**
     * Where the broker listens.
     *
     * @param host             address of the plain listener ({@code 127.0.0.1}; {@code 0.0.0.0} for field gateways)
     * @param keystorePath     JKS or PKCS12 keystore with the broker's certificate; null = no TLS listener
     * @param keystorePassword its password
     * @param tlsPort          port of the TLS listener on {@code host} (0 = free)
     */
    public record Listen(String host, String keystorePath, String keystorePassword, int tlsPort) {
        public static Listen loopback() {
            return new Listen("127.0.0.1", null, null, 0);
        }

        @Override
        public String toString() {
            return "Listen[host=" + host + ", keystorePath=" + keystorePath + ", tlsPort=" + tlsPort + "]";
        }
    }

    private final Path dataDir;
    private final int maxMessageBytes;
    private final MqttAccess access;
    private final Listen listen;
    private volatile int tlsPort;
    private volatile Server server;
    private volatile int port;

    /**
     * @param dataDir         persistence directory (created when missing)
     * @param port            TCP port on 127.0.0.1; 0 picks a free one
     * @param maxMessageBytes largest MQTT packet accepted (Moquette's default is only 8,092 bytes)
     * @param access          who may connect and publish what
     * @param listen          listen address and optional TLS listener
     */
    public EmbeddedMqtt(Path dataDir, int port, int maxMessageBytes, MqttAccess access, Listen listen) {
        this.dataDir = dataDir;
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
        this.access = java.util.Objects.requireNonNull(access, "access");
        this.listen = listen;
        this.tlsPort = listen.tlsPort();
    }

    public EmbeddedMqtt(Path dataDir, int port, MqttAccess access) {
        this(dataDir, port, 256 * 1024 + 1024, access, Listen.loopback());
    }

    public synchronized EmbeddedMqtt start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            // Moquette's getPort() reports the configured port, not the bound one: resolve 0 here.
            port = port == 0 ? EmbeddedKafka.freePort() : port;
            if (listen.keystorePath() != null && tlsPort == 0) {
                tlsPort = EmbeddedKafka.freePort();
            }
            Server s = new Server();
            s.startServer(new MemoryConfig(properties()), List.of(), null, access, access);
            server = s;
            LOG.info("embedded mqtt broker started [url: {}, listen: {}, dataDir: {}]", url(), listen, dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded MQTT broker under " + dataDir, e);
        }
    }

    Properties properties() {
        Properties p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, listen.host());
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        if (listen.keystorePath() != null) {
            p.setProperty(BrokerConstants.SSL_PORT_PROPERTY_NAME, Integer.toString(tlsPort));
            p.setProperty(BrokerConstants.JKS_PATH_PROPERTY_NAME, listen.keystorePath());
            p.setProperty(BrokerConstants.KEY_STORE_TYPE, listen.keystorePath().endsWith(".jks") ? "jks" : "pkcs12");
            p.setProperty(BrokerConstants.KEY_STORE_PASSWORD_PROPERTY_NAME, listen.keystorePassword() == null ? "" : listen.keystorePassword());
            p.setProperty(BrokerConstants.KEY_MANAGER_PASSWORD_PROPERTY_NAME, listen.keystorePassword() == null ? "" : listen.keystorePassword());
        }
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        // Moquette 0.17 calls the authenticator only for clients that send a user name: anonymous off
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        // mosquitto_pub and other CLI tools connect with an empty client id (MQTT 3.1.1 §3.1.3.1, clean session)
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath() + "/");
        p.setProperty(BrokerConstants.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "segmented");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(maxMessageBytes));
        p.setProperty(BrokerConstants.IMMEDIATE_BUFFER_FLUSH_PROPERTY_NAME, "true");
        return p;
    }

    /** The bound port (valid after {@link #start()}). */
    public int port() {
        return port;
    }

    /** The TLS listener's port (0 without a keystore; valid after {@link #start()}). */
    public int tlsPort() {
        return listen.keystorePath() == null ? 0 : tlsPort;
    }

    /** {@code tcp://127.0.0.1:PORT}, the form Paho expects (Bourtol's own components always connect over loopback). */
    public String url() {
        String h = listen.host();
        boolean any = h.equals("0.0.0.0") || h.equals("::") || h.equals("127.0.0.1") || h.equals("localhost");
        return "tcp://" + (any ? "127.0.0.1" : h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** Ids of the clients connected now (empty when stopped). */
    public java.util.Set<String> connectedClients() {
        Server s = server;
        if (s == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        s.listConnectedClients().forEach(c -> ids.add(c.getClientID()));
        return ids;
    }

    public boolean running() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        Server s = server;
        if (s != null) {
            server = null;
            s.stopServer();
            LOG.info("embedded mqtt broker stopped");
        }
    }
}
