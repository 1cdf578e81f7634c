package org.bourtol.launcher;

import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.bourtol.launcher.instance.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bourtol run}: ingest, rules, notifier and the time-series sink in one JVM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every component in one JVM.",
            "With --embedded, also start Kafka and an MQTT broker in this JVM (data under BOURTOL_DATA_DIR);"
                    + " otherwise connect to BOURTOL_KAFKA_BOOTSTRAP and BOURTOL_MQTT_URL."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--embedded", description = "Start an in-process Kafka broker and MQTT broker (loopback only)")
    boolean embedded;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        return Serve.untilSignal(new Instance.Options(config.path(), System.getenv(), embedded,
                EnumSet.allOf(Instance.Part.class), System.out), System.out);
    }
}
