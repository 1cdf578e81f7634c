package org.bourtol.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourtol.embedded.EmbeddedKafka;

/**
 * A server run as a child process with its output appended to a log file: mosquitto, influxd, and in
 * multi-process tests Kafka brokers and Bourtol components ({@link #java}). Free loopback ports, waiting
 * until the port accepts connections (failing with the log when the process dies), stopping on close and
 * at JVM exit, and {@link #kill()} for crash tests.
 */
public final class ExternalProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private final Thread reaper;

    ExternalProcess(String name, List<String> command, Path log) {
        this(name, command, Map.of(), log);
    }

    private ExternalProcess(String name, List<String> command, Map<String, String> env, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
        this.reaper = new Thread(this::destroy, name + "-stop");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * A class of this test's class path run in its own JVM (small heap, serial GC, C1 only: many of them
     * share the machine), with exactly the given {@code BOURTOL_*} and {@code TWILIO_*} variables (none of
     * the test's own), its output in {@code <logDir>/<name>.log}.
     */
    public static ExternalProcess java(String name, String mainClass, List<String> args, Map<String, String> env, Path logDir) {
        return java(name, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), mainClass, args, env, logDir);
    }

    /**
     * As {@link #java(String, String, List, Map, Path)} with these JVM options instead of the small defaults (a whole
     * embedded Bourtol, as {@code bourtol demo}, needs more heap and the full JIT).
     */
    public static ExternalProcess java(String name, List<String> jvmOptions, String mainClass, List<String> args,
                                       Map<String, String> env, Path logDir) {
        String cp = System.getProperty("surefire.test.class.path");
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions);
        c.addAll(List.of("-cp", cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path"), mainClass));
        c.addAll(args);
        return new ExternalProcess(name, c, env, logDir.resolve(name + ".log"));
    }

    /** Any program (a server from Debian's packages), its output in {@code <logDir>/<name>.log}. */
    public static ExternalProcess command(String name, List<String> command, Path logDir) {
        return new ExternalProcess(name, command, logDir.resolve(name + ".log"));
    }

    public String name() {
        return name;
    }

    /** Starts the process and waits until {@code port} on 127.0.0.1 accepts connections. */
    public synchronized void start(int port, Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        launch();
        Process p = process;
        Poll.until(timeout, name + " listening on 127.0.0.1:" + port, () -> {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited with " + p.exitValue() + ": " + logText());
            }
            return accepts(port);
        });
    }

    /** Starts the process without waiting for it (the caller checks readiness its own way). */
    public synchronized void launch() {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!env.isEmpty()) {
            pb.environment().keySet().removeIf(k -> k.startsWith("BOURTOL_") || k.startsWith("TWILIO_"));
            pb.environment().putAll(env);
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** SIGKILL, as a crash: no shutdown hook, no flush, no goodbye to brokers or groups. Waits for the exit. */
    public synchronized void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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

    /** Waits for the process to exit on its own and returns its exit code; kills it after {@code timeout}. */
    public int await(Duration timeout) {
        Process p = process;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(name + " still running after " + timeout + ": " + logText());
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + " interrupted", e);
        }
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public String logText() {
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

    /** A loopback port free now, for a child process to listen on. */
    public static int freePort() {
        return EmbeddedKafka.freePort();
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
