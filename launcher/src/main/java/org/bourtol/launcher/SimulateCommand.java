package org.bourtol.launcher;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.embedded.MqttAccess;
import org.bourtol.launcher.instance.MqttUsers;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.simulator.Simulation;
import org.bourtol.simulator.SimulationConsole;
import org.bourtol.simulator.scenario.Dataset;
import org.bourtol.simulator.scenario.ScenarioModel;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.scenario.Timeline;
import org.bourtol.simulator.truth.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bourtol simulate}: plays a scenario against a running Bourtol (MQTT broker, HTTP webhook,
 * Kafka, Twilio auth token from the configuration and environment) and prints the ground-truth
 * report. Exit status 0 when every ground-truth event was detected, 2 otherwise.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Play a Sahel season (MQTT + signed SMS) against a running Bourtol and score the alerts against ground truth.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    SeasonOptions season;

    @Mixin
    WebhookOptions webhook;

    @Option(names = "--speed", defaultValue = "max",
            description = "Simulated seconds per wall second, or 'max' to send as fast as the system accepts (default: ${DEFAULT-VALUE})")
    String speed;

    @Option(names = "--seed", description = "Override the scenario's seed")
    Long seed;

    @Option(names = "--no-faults", description = "Do not inject duplicates, late, out-of-order or malformed messages")
    boolean noFaults;

    @Option(names = "--sms-to", defaultValue = "+22370000000", description = "The Bourtol SMS number focal points write to")
    String smsTo;

    @Option(names = "--sms-gap-ms", defaultValue = "150", description = "Pause between two live SMS")
    long smsGapMs;

    @Option(names = "--settle", defaultValue = "60", description = "Seconds to wait at most for the pipeline to settle")
    long settleSeconds;

    @Override
    public Integer call() throws Exception {
        BourtolConfig cfg = config.load();
        Timeline timeline = timeline(season.spec(), seed, noFaults);
        Report report = SimulationConsole.play(System.out, timeline, target(cfg, webhook.base(cfg), smsTo), parseSpeed(speed),
                Duration.ofMillis(smsGapMs), Duration.ofSeconds(settleSeconds), System.console() != null, season.json);
        return report.allDetected() ? 0 : 2;
    }

    static Timeline timeline(ScenarioSpec spec, Long seed, boolean noFaults) {
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        if (noFaults) {
            spec = spec.withFaults(new ScenarioSpec.Faults(0.0, 0.0, 0.0, 0, 0));
        }
        return ScenarioModel.generate(spec, Dataset.sahel(), LocalDate.now(ZoneOffset.UTC));
    }

    static Simulation.Target target(BourtolConfig cfg, String base, String smsTo) {
        if (cfg.kafka().bootstrap() == null) {
            throw new IllegalArgumentException("kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is required to read the alerts");
        }
        if (cfg.twilio().authToken() == null) {
            throw new IllegalArgumentException("twilio.authToken (TWILIO_AUTH_TOKEN) is required to sign the SMS webhooks");
        }
        String mqtt = cfg.mqtt().url() != null ? cfg.mqtt().url() : "tcp://127.0.0.1:" + cfg.mqtt().embeddedPort();
        String user = cfg.mqtt().username();
        String password = cfg.mqtt().password();
        if (cfg.mqtt().url() == null && user == null) {
            // the embedded broker of `bourtol run --embedded` on this data directory: its gateway account
            user = MqttAccess.GATEWAY;
            password = MqttUsers.read(MqttUsers.file(cfg)).get(MqttAccess.GATEWAY);
        }
        return new Simulation.Target(mqtt, user, password, base,
                WebhookOptions.publicUrl(cfg, base), cfg.twilio().authToken(), smsTo, WebhookOptions.account(cfg),
                new KafkaClients(cfg.kafka()), cfg.rules().applicationId());
    }

    static double parseSpeed(String speed) {
        if (speed == null || speed.equalsIgnoreCase("max")) {
            return 0;
        }
        double v = Double.parseDouble(speed);
        if (v <= 0) {
            throw new IllegalArgumentException("--speed must be positive or 'max'");
        }
        return v;
    }
}
