package org.bourtol.launcher.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bourtol.launcher.instance.Instance;

/** The whole of Bourtol in the test's JVM, as {@code run --embedded} starts it, on free loopback ports. */
public final class EmbeddedInstances {

    private EmbeddedInstances() {
    }

    /**
     * Starts an embedded instance with its data under {@code dataDir}, HTTP, Kafka and MQTT on free
     * ports, and {@code extraEnv} as further environment pairs ({@code "KEY", "value", ...}).
     */
    public static Instance start(Path dataDir, String... extraEnv) {
        if (extraEnv.length % 2 != 0) {
            throw new IllegalArgumentException("environment pairs expected: " + String.join(" ", extraEnv));
        }
        Map<String, String> env = env(dataDir);
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return Instance.start(Instance.Options.embedded(env));
    }

    /** The environment of an embedded instance with its data under {@code dataDir} and HTTP, Kafka and MQTT on free ports (a map to add to). */
    public static Map<String, String> env(Path dataDir) {
        return new HashMap<>(Map.of(
                "BOURTOL_DATA_DIR", dataDir.toString(),
                "BOURTOL_HTTP_PORT", "0",
                "BOURTOL_EMBEDDED_KAFKA_PORT", "0",
                "BOURTOL_EMBEDDED_MQTT_PORT", "0"));
    }
}
