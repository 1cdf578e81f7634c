package org.bourtol.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary run as a child process with its output in a log file under its temp directory.
 * Shared plumbing of {@link Mosquitto} and {@link Influxd}: free loopback ports, waiting until the
 * port accepts connections (failing with the log when the process dies), stopping on close and at
 * JVM exit.
 */
final class ExternalProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private final Thread reaper;

    ExternalProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.reaper = new Thread(this::destroy, name + "-stop");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts the process and waits until {@code port} on 127.0.0.1 accepts connections. */
    synchronized void start(int port, Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Process p = process;
        Poll.until(timeout, name + " listening on 127.0.0.1:" + port, () -> {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited with " + p.exitValue() + ": " + logText());
            }
            return accepts(port);
        });
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    synchronized void stop() {
        destroy();
        process = null;
    }

    private void destroy() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
