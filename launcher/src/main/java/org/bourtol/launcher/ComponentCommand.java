package org.bourtol.launcher;

import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.bourtol.launcher.instance.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * One component alone against external Kafka (and MQTT), for scaling out: run more instances of the
 * same command; Kafka consumer groups, Streams partitions and MQTT shared subscriptions share the load.
 */
abstract class ComponentCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    private final Instance.Part part;

    ComponentCommand(Instance.Part part) {
        this.part = part;
    }

    @Override
    public Integer call() throws Exception {
        return Serve.untilSignal(new Instance.Options(config.path(), System.getenv(), false,
                EnumSet.of(part), System.out), System.out);
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Run ingest alone: MQTT, SMS webhooks and the HTTP API in, observations to Kafka.")
    static final class Ingest extends ComponentCommand {
        Ingest() {
            super(Instance.Part.INGEST);
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true,
            description = "Run the rules engine alone (Kafka Streams): observations in, alert lifecycle events out.")
    static final class Rules extends ComponentCommand {
        Rules() {
            super(Instance.Part.RULES);
        }
    }

    @Command(name = "notifier", mixinStandardHelpOptions = true,
            description = "Run the notifier alone: alerts in, SMS (Twilio), MQTT alert topics and the CAP feed out.")
    static final class Notifier extends ComponentCommand {
        Notifier() {
            super(Instance.Part.NOTIFIER);
        }
    }

    @Command(name = "timeseries", mixinStandardHelpOptions = true,
            description = "Run the InfluxDB sink alone: observations, alerts and deliveries from Kafka to InfluxDB.")
    static final class TimeSeries extends ComponentCommand {
        TimeSeries() {
            super(Instance.Part.TIMESERIES);
        }
    }
}
