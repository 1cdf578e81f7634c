package org.bourtol.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * A real mosquitto broker for integration tests: a child process on a free loopback port with a
 * generated config ({@code listener <port> 127.0.0.1}, anonymous access, persistence in a temp
 * directory). Skips the test when mosquitto is not installed, fails under {@code CI=true}
 * ({@link ExternalBinary}). Runs as the current user ({@code user root} when root, so mosquitto does
 * not switch to the {@code mosquitto} user, which could not write the temp directory).
 * {@link #stop()} and {@link #restart()} keep the port and the persisted sessions, for reconnect tests.
 *
 * <pre>{@code
 * try (Mosquitto broker = Mosquitto.start()) {
 *     String url = broker.url(); // tcp://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class Mosquitto extends PackagedServer {

    private Mosquitto(Path binary, String extraConfig) {
        this(binary, (port, dir) -> "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "persistence true\n"
                + "persistence_location " + dir.toAbsolutePath() + "/\n"
                + "autosave_interval 1\n"
                + (extraConfig == null ? "" : extraConfig + "\n"));
    }

    private Mosquitto(Path binary, BiFunction<Integer, Path, String> config) {
        super("mosquitto", binary, "-c", (port, dir) -> config.apply(port, dir)
                + "\nlog_dest stdout\n"
                + "log_type error\nlog_type warning\nlog_type notice\n"
                + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
    }

    /**
     * Starts a broker with a whole configuration of the caller's, given the free port (the caller's
     * {@code listener} line must bind it on 127.0.0.1) and the broker's own directory for files it needs.
     */
    public static Mosquitto startWith(BiFunction<Integer, Path, String> config) {
        return new Mosquitto(ExternalBinary.require("mosquitto", "mosquitto"), config).restart();
    }

    /** Starts a broker with the default config; skips (or fails under CI) when mosquitto is absent. */
    public static Mosquitto start() {
        return start(null);
    }

    /** Starts a broker with extra config lines appended (e.g. {@code max_inflight_messages 100}). */
    public static Mosquitto start(String extraConfig) {
        Mosquitto m = new Mosquitto(ExternalBinary.require("mosquitto", "mosquitto"), extraConfig);
        return m.restart();
    }

    /** Starts again after {@link #stop()}, on the same port with the same persistence directory. */
    public Mosquitto restart() {
        process.start(port(), Duration.ofSeconds(10));
        return this;
    }

    public boolean running() {
        return process.alive();
    }

    /** {@code tcp://127.0.0.1:PORT}, the form Paho expects. */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }
}
