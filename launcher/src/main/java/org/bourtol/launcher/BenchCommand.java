package org.bourtol.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.launcher.instance.Instance;
import org.bourtol.simulator.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bourtol bench}: throughput and latency percentiles of MQTT → observation and observation →
 * alert next to a raw Kafka produce/consume baseline on the same broker, measured in the same run.
 * Without {@code kafka.bootstrap} it starts its own embedded Bourtol on free loopback ports; otherwise it
 * measures the configured one (which nobody else should be feeding meanwhile). Last, the backtest replay rate of
 * the built-in season (no broker involved).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure pipeline throughput and latency against a Kafka baseline (loopback, same run).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Bourtol YAML configuration")
    Path config;

    @Option(names = "--messages", defaultValue = "5000", description = "Messages per path (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--station", defaultValue = "niamey", description = "Gauge station used (readings above its first level)")
    String station;

    @Option(names = "--level", defaultValue = "545", description = "Level in cm of the bench readings")
    int level;

    @Option(names = "--rate", defaultValue = "0",
            description = "MQTT messages per second; 0 sends all at once (saturation throughput, queueing latency)")
    int rate;

    @Override
    public Integer call() throws Exception {
        BourtolConfig cfg = ConfigLoader.load(Optional.ofNullable(config), System.getenv());
        if (cfg.kafka().bootstrap() != null) {
            String mqtt = cfg.mqtt().url() != null ? cfg.mqtt().url() : "tcp://127.0.0.1:" + cfg.mqtt().embeddedPort();
            measure(new KafkaClients(cfg.kafka()), mqtt, cfg.mqtt().username(), cfg.mqtt().password());
            System.out.print(BacktestBench.line(cfg));
            return 0;
        }
        System.out.println("No kafka.bootstrap configured: starting an embedded Bourtol on free loopback ports for the bench.");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BOURTOL_DATA_DIR", Files.createTempDirectory("bourtol-bench-").toString());
        env.put("BOURTOL_HTTP_PORT", "0");
        env.put("BOURTOL_EMBEDDED_KAFKA_PORT", "0");
        env.put("BOURTOL_EMBEDDED_MQTT_PORT", "0");
        try (Instance platform = Instance.start(new Instance.Options(Optional.ofNullable(config), env, true,
                EnumSet.of(Instance.Part.INGEST, Instance.Part.RULES), null))) {
            measure(platform.kafka(), platform.mqttUrl(), platform.gatewayMqtt().username(), platform.gatewayMqtt().password());
        }
        System.out.print(BacktestBench.line(cfg));
        return 0;
    }

    private void measure(KafkaClients kafka, String mqtt, String user, String password) throws Exception {
        Bench.Result baseline = Bench.baseline(kafka, messages, rate);
        List<Bench.Result> paths = Bench.pipeline(kafka, mqtt, user, password, station, level, messages, rate);
        System.out.print(Bench.table(baseline, paths));
    }
}
