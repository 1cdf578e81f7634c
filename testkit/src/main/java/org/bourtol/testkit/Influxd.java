package org.bourtol.testkit;

import java.nio.file.Path;
import java.time.Duration;

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
public final class Influxd extends PackagedServer {

    private Influxd(Path binary) {
        super("influxd", binary, "-config", (httpPort, dir) -> {
            String d = dir.toAbsolutePath().toString();
            return "reporting-disabled = true\n"
                    + "bind-address = \"127.0.0.1:" + ExternalProcess.freePort() + "\"\n"
                    + "[meta]\n  dir = \"" + d + "/meta\"\n  logging-enabled = false\n"
                    + "[data]\n  dir = \"" + d + "/data\"\n  wal-dir = \"" + d + "/wal\"\n  query-log-enabled = false\n"
                    + "[monitor]\n  store-enabled = false\n"
                    + "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" + httpPort + "\"\n  log-enabled = false\n";
        });
    }

    /** Starts influxd and waits until its HTTP port accepts connections. */
    public static Influxd start() {
        Influxd i = new Influxd(ExternalBinary.require("influxd", "influxdb"));
        i.process.start(i.port(), Duration.ofSeconds(20));
        return i;
    }

    /** Starts influxd again after {@link #stop()}, on the same port and data directory, and waits until it listens. */
    public void restart() {
        process.start(port(), Duration.ofSeconds(30));
    }

    /** {@code http://127.0.0.1:PORT} (v1 API: /write, /query, /ping). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }
}
