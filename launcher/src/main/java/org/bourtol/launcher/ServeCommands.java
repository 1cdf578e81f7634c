package org.bourtol.launcher;

import java.util.EnumSet;
import java.util.Set;
import org.bourtol.launcher.instance.Instance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands that serve until SIGTERM/Ctrl-C: {@code run} (every component in one JVM) and one component alone
 * against external Kafka (and MQTT), for scaling out: run more instances of the same command; Kafka consumer groups,
 * Streams partitions and MQTT shared subscriptions share the load. Each command is a picocli command method naming the
 * parts it starts (static: picocli calls it without an instance).
 */
final class ServeCommands {

    /** Adds {@code run}, {@code ingest}, {@code rules}, {@code notifier} and {@code timeseries}, in that order. */
    static void addTo(CommandLine cl) {
        for (String name : new String[] {"run", "ingest", "rules", "notifier", "timeseries"}) {
            cl.addSubcommand(new CommandLine(CommandLine.getCommandMethods(ServeCommands.class, name).get(0)));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run every component in one JVM.",
                "With --embedded, also start Kafka and an MQTT broker in this JVM (data under BOURTOL_DATA_DIR);"
                        + " otherwise connect to BOURTOL_KAFKA_BOOTSTRAP and BOURTOL_MQTT_URL."})
    static int run(@Option(names = "--embedded", description = "Start an in-process Kafka broker and MQTT broker (loopback only)") boolean embedded,
                   @Mixin ConfigOption config)
            throws InterruptedException {
        return serve(config, embedded, EnumSet.allOf(Instance.Part.class));
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Run ingest alone: MQTT, SMS webhooks and the HTTP API in, observations to Kafka.")
    static int ingest(@Mixin ConfigOption config) throws InterruptedException {
        return serve(config, false, EnumSet.of(Instance.Part.INGEST));
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "Run the rules engine alone (Kafka Streams): observations in, alert lifecycle events out.")
    static int rules(@Mixin ConfigOption config) throws InterruptedException {
        return serve(config, false, EnumSet.of(Instance.Part.RULES));
    }

    @Command(name = "notifier", mixinStandardHelpOptions = true,
            description = "Run the notifier alone: alerts in, SMS (Twilio), MQTT alert topics and the CAP feed out.")
    static int notifier(@Mixin ConfigOption config) throws InterruptedException {
        return serve(config, false, EnumSet.of(Instance.Part.NOTIFIER));
    }

    @Command(name = "timeseries", mixinStandardHelpOptions = true,
            description = "Run the InfluxDB sink alone: observations, alerts and deliveries from Kafka to InfluxDB.")
    static int timeseries(@Mixin ConfigOption config) throws InterruptedException {
        return serve(config, false, EnumSet.of(Instance.Part.TIMESERIES));
    }

    private static int serve(ConfigOption config, boolean embedded, Set<Instance.Part> parts) throws InterruptedException {
        return Serve.untilSignal(new Instance.Options(config.path(), System.getenv(), embedded, parts, System.out), System.out);
    }
}
