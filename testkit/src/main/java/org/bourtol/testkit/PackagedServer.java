package org.bourtol.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A server from Debian's packages ({@link Mosquitto}, {@link Influxd}) run as an {@link ExternalProcess} on a free
 * loopback port, with its generated config file, data and output ({@code <name>.log}) in a temp directory of its own.
 * Subclasses say how to start it (and wait for it).
 */
abstract class PackagedServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    final ExternalProcess process;

    /**
     * @param configOption the server's option naming its config file ({@code -c}, {@code -config})
     * @param config the config file's text, given the free port and the server's directory
     */
    PackagedServer(String name, Path binary, String configOption, BiFunction<Integer, Path, String> config) {
        this.port = ExternalProcess.freePort();
        this.dir = ExternalProcess.tempDir("bourtol-" + name + "-");
        Path conf = dir.resolve(name + ".conf");
        try {
            Files.writeString(conf, config.apply(port, dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.process = new ExternalProcess(name, List.of(binary.toString(), configOption, conf.toString()), dir.resolve(name + ".log"));
    }

    /** Stops the server (SIGTERM: it keeps its data); the subclass's {@code restart()} brings it back on the same port. */
    public void stop() {
        process.stop();
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The server's output so far (errors, warnings, notices), for assertion messages. */
    public String log() {
        return process.logText();
    }

    @Override
    public void close() {
        process.close();
    }
}
