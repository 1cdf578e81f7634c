package org.bourtol.timeseries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bourtol.testkit.ExternalBinary;
import org.bourtol.testkit.Poll;

/**
 * Debian's influxd as a child process that can be stopped and started again on the same ports and
 * data directory (an outage, not a new server); testkit's {@code Influxd} has no restart. Loopback
 * HTTP and RPC ports, meta/data/wal in a temp dir, reporting off.
 */
final class LocalInfluxd implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final Path conf;
    private final int httpPort;
    private Process process;

    LocalInfluxd() {
        this.binary = ExternalBinary.require("influxd", "influxdb");
        this.httpPort = freePort();
        int rpcPort = freePort();
        try {
            this.dir = Files.createTempDirectory("bourtol-ts-influxd-");
            this.conf = dir.resolve("influxdb.conf");
            String d = dir.toAbsolutePath().toString();
            Files.writeString(conf, "reporting-disabled = true\n"
                    + "bind-address = \"127.0.0.1:" + rpcPort + "\"\n"
                    + "[meta]\n  dir = \"" + d + "/meta\"\n  logging-enabled = false\n"
                    + "[data]\n  dir = \"" + d + "/data\"\n  wal-dir = \"" + d + "/wal\"\n  query-log-enabled = false\n"
                    + "[monitor]\n  store-enabled = false\n"
                    + "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" + httpPort + "\"\n  log-enabled = false\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    synchronized void start() {
        try {
            process = new ProcessBuilder(binary.toString(), "-config", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        Poll.until(Duration.ofSeconds(30), "influxd on 127.0.0.1:" + httpPort, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("influxd exited with " + p.exitValue() + ": " + log());
            }
            return accepts(httpPort);
        });
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("influxd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
