package org.bourtol.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external server binary (mosquitto, influxd, node). When it is absent the test is skipped
 * with a clear message, except under {@code CI=true}, where a missing binary fails the test so CI can
 * never silently skip integration tests against real servers.
 */
public final class ExternalBinary {

    private ExternalBinary() {
    }

    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String message = name + " not found on PATH or in /usr/sbin, /usr/bin: install it with 'apt-get install -y " + debianPackage + "'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: integration tests against real servers may not be skipped)");
            }
            Assumptions.abort(message + "; skipping");
        }
        return found.get();
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/sbin"))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
