package org.bourtol.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker in this JVM: HiveMQ Community Edition embedded (MQTT 3.1.1 and 5), bound to 127.0.0.1 unless
 * {@link Listen#host()} says otherwise (field gateways), optionally with a TLS listener from a keystore; every client
 * authenticates and is held to {@link MqttAccess} (anonymous access refused in every mode) through
 * {@link BrokerExtension}; usage statistics off, no websocket listener. Sessions, subscriptions, queued and in-flight
 * QoS 1 messages are kept in HiveMQ's file persistence under {@code dataDir}: they survive a restart, also after a
 * {@code kill -9} of the process (ingest: EmbeddedBrokerCrashIT; under load a window remains: docs/reliability.md,
 * "Embedded MQTT broker and crashes"). Port 0 lets the broker pick a free port, read back
 * with {@link #port()} after {@link #start()} (a restart of the same instance keeps that port).
 *
 * <p>Why HiveMQ CE and not Moquette 0.17 (the broker until December 2026): Moquette lost every acknowledged QoS 1
 * message queued for a persistent session on {@code kill -9} (its queue positions were written only at a clean
 * stop) and held a subscriber's in-flight window at 10, a compile-time constant. Measured side by side (docs/reliability.md):
 * 300 of 300 acknowledged messages delivered after a {@code kill -9} against 0 of 300; a subscriber that acknowledges
 * each message 20 ms after it arrived, as ingest does once Kafka has it, got 665 msg/s against 472 msg/s; raw QoS 1
 * pub → sub, which nobody here needs at that rate, is slower (about 1,000 against 4,100 msg/s).
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

    /** Messages queued for one offline persistent session (ingest while it restarts) before the broker drops any. */
    static final long MAX_QUEUE = 10_000_000L;

    private final Path dataDir;
    private final int maxMessageBytes;
    private final MqttAccess access;
    private final Listen listen;
    private volatile int tlsPort;
    private volatile EmbeddedHiveMQ server;
    private volatile BrokerExtension extension;
    private volatile int port;

    /**
     * @param dataDir         persistence directory (created when missing)
     * @param port            TCP port on 127.0.0.1; 0 picks a free one
     * @param maxMessageBytes largest MQTT packet accepted
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
            Path conf = Files.createDirectories(dataDir.resolve("conf"));
            port = port == 0 ? EmbeddedKafka.freePort() : port;
            if (listen.keystorePath() != null && tlsPort == 0) {
                tlsPort = EmbeddedKafka.freePort();
            }
            Files.writeString(conf.resolve("config.xml"), config());
            BrokerExtension ext = new BrokerExtension(access);
            EmbeddedHiveMQ s = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(dataDir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dataDir.resolve("extensions")))
                    .withEmbeddedExtension(EmbeddedExtension.builder().withId("bourtol-access").withName("Bourtol access")
                            .withVersion("1").withPriority(1000).withStartPriority(1000).withExtensionMain(ext).build())
                    .withoutLoggingBootstrap().build();
            s.start().get(2, TimeUnit.MINUTES);
            extension = ext;
            server = s;
            LOG.info("embedded mqtt broker started [url: {}, listen: {}, dataDir: {}]", url(), listen, dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded MQTT broker under " + dataDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot start embedded MQTT broker under " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        }
    }

    /** HiveMQ's config.xml: listeners, packet size, a queue deep enough for an offline ingest, file persistence. */
    String config() {
        String tls = listen.keystorePath() == null ? "" : """
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                      </tls>
                    </tls-tcp-listener>
                """.formatted(tlsPort, xml(listen.host()), xml(listen.keystorePath()), xml(password()), xml(password()));
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                %s  </listeners>
                  <mqtt>
                    <packets><max-packet-size>%d</max-packet-size></packets>
                    <receive-maximum><server-receive-maximum>1000</server-receive-maximum></receive-maximum>
                    <queued-messages><max-queue-size>%d</max-queue-size></queued-messages>
                  </mqtt>
                  <security><allow-empty-client-id><enabled>true</enabled></allow-empty-client-id></security>
                  <persistence><mode>file</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xml(listen.host()), tls, maxMessageBytes, MAX_QUEUE);
    }

    private String password() {
        return listen.keystorePassword() == null ? "" : listen.keystorePassword();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
        BrokerExtension e = extension;
        return server == null || e == null ? java.util.Set.of() : e.connected();
    }

    public boolean running() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        EmbeddedHiveMQ s = server;
        if (s != null) {
            server = null;
            extension = null;
            try {
                s.stop().get(1, TimeUnit.MINUTES);
                s.close();
            } catch (Exception e) {
                LOG.warn("embedded mqtt broker did not stop cleanly", e);
            }
            LOG.info("embedded mqtt broker stopped");
        }
    }
}
