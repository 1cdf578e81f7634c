package org.bourtol.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.simulator.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bourtol bench}: throughput and latency percentiles of MQTT → observation and observation →
 * alert next to a raw Kafka produce/consume baseline on the same broker, measured in the same run.
 * Run it against {@code bourtol run --embedded} on loopback (nobody else feeding it).
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

    @Override
    public Integer call() throws Exception {
        BourtolConfig cfg = ConfigLoader.load(Optional.ofNullable(config), System.getenv());
        KafkaClients kafka = new KafkaClients(cfg.kafka());
        String mqtt = cfg.mqtt().url() != null ? cfg.mqtt().url() : "tcp://127.0.0.1:" + cfg.mqtt().embeddedPort();
        Bench.Result baseline = Bench.baseline(kafka, messages);
        List<Bench.Result> paths = Bench.pipeline(kafka, mqtt, station, level, messages);
        System.out.print(Bench.table(baseline, paths));
        return 0;
    }
}
