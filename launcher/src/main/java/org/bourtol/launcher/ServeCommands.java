package org.bourtol.launcher;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bourtol.launcher.instance.Instance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The commands that serve until SIGTERM/Ctrl-C: {@code run} (every component in one JVM) and one component alone
 * against external Kafka (and MQTT), for scaling out: run more instances of the same command; Kafka consumer groups,
 * Streams partitions and MQTT shared subscriptions share the load.
 */
final class ServeCommands {

    /** The components that run alone and their command's description; the command is the part's name in lower case. */
    private static final Map<Instance.Part, String> ALONE = new EnumMap<>(Map.of(
            Instance.Part.INGEST, "Run ingest alone: MQTT, SMS webhooks and the HTTP API in, observations to Kafka.",
            Instance.Part.RULES, "Run the rules engine alone (Kafka Streams): observations in, alert lifecycle events out.",
            Instance.Part.NOTIFIER, "Run the notifier alone: alerts in, SMS (Twilio), MQTT alert topics and the CAP feed out.",
            Instance.Part.TIMESERIES, "Run the InfluxDB sink alone: observations, alerts and deliveries from Kafka to InfluxDB."));

    private ServeCommands() {
    }

    /** Adds {@code run}, then one command a component alone ({@code ingest}, {@code rules}, {@code notifier}, {@code timeseries}). */
    static void addTo(CommandLine cl) {
        cl.addSubcommand(Run.class);
        ALONE.forEach((part, description) -> {
            CommandSpec spec = CommandSpec.forAnnotatedObject(new Alone(part)).name(part.name().toLowerCase(Locale.ROOT));
            spec.usageMessage().description(description);
            cl.addSubcommand(new CommandLine(spec));
        });
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run every component in one JVM.",
                "With --embedded, also start Kafka and an MQTT broker in this JVM (data under BOURTOL_DATA_DIR);"
                        + " otherwise connect to BOURTOL_KAFKA_BOOTSTRAP and BOURTOL_MQTT_URL."})
    static final class Run implements Callable<Integer> {

        @Option(names = "--embedded", description = "Start an in-process Kafka broker and MQTT broker (loopback only)")
        boolean embedded;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws InterruptedException {
            return serve(config, embedded, EnumSet.allOf(Instance.Part.class));
        }
    }

    /** One component alone (named and described by {@link #addTo}). */
    @Command(mixinStandardHelpOptions = true)
    static final class Alone implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        private final Instance.Part part;

        Alone(Instance.Part part) {
            this.part = part;
        }

        @Override
        public Integer call() throws InterruptedException {
            return serve(config, false, EnumSet.of(part));
        }
    }

    private static int serve(ConfigOption config, boolean embedded, Set<Instance.Part> parts) throws InterruptedException {
        return Serve.untilSignal(new Instance.Options(config.path(), System.getenv(), embedded, parts, System.out), System.out);
    }
}
