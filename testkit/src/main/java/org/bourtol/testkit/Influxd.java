package org.bourtol.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real InfluxDB 1.x ({@code influxd}, Debian package influxdb) for integration tests: a child
 * process with a generated config binding HTTP and RPC to free loopback ports, meta/data/wal under a
 * temp directory, usage reporting and the internal monitor store off. Skips the test when influxd is
 * not installed, fails under {@code CI=true} ({@link ExternalBinary}).
 *
 * <pre>{@code
 * try (Influxd influx = Influxd.start()) {
 *     String url = influx.url(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class Influxd implements AutoCloseable {

    private final int httpPort;
    private final Path dir;
    private final ExternalProcess process;

    private Influxd(Path binary) {
        this.httpPort = ExternalProcess.freePort();
        int rpcPort = ExternalProcess.freePort();
        this.dir = ExternalProcess.tempDir("bourtol-influxd-");
        Path conf = dir.resolve("influxdb.conf");
        String d = dir.toAbsolutePath().toString();
        try {
            Files.writeString(conf, "reporting-disabled = true\n"
                    + "bind-address = \"127.0.0.1:" + rpcPort + "\"\n"
                    + "[meta]\n  dir = \"" + d + "/meta\"\n  logging-enabled = false\n"
                    + "[data]\n  dir = \"" + d + "/data\"\n  wal-dir = \"" + d + "/wal\"\n  query-log-enabled = false\n"
                    + "[monitor]\n  store-enabled = false\n"
                    + "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" + httpPort + "\"\n  log-enabled = false\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.process = new ExternalProcess("influxd", List.of(binary.toString(), "-config", conf.toString()), dir.resolve("influxd.log"));
    }

    /** Starts influxd and waits until its HTTP port accepts connections. */
    public static Influxd start() {
        Influxd i = new Influxd(ExternalBinary.require("influxd", "influxdb"));
        i.process.start(i.httpPort, Duration.ofSeconds(20));
        return i;
    }

    /** Stops influxd (SIGTERM, data kept) to simulate an outage; {@link #restart()} brings it back on the same port and data. */
    public void stop() {
        process.stop();
    }

    /** Starts influxd again after {@link #stop()}, on the same port and data directory, and waits until it listens. */
    public void restart() {
        process.start(httpPort, Duration.ofSeconds(30));
    }

    public int port() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:PORT} (v1 API: /write, /query, /ping). */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path dir() {
        return dir;
    }

    public String log() {
        return process.logText();
    }

    @Override
    public void close() {
        process.close();
    }
}
