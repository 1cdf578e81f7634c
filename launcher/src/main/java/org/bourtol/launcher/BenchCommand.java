package org.bourtol.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.launcher.bench.Benchmarks;
import org.bourtol.launcher.bench.MemoryOptions;
import org.bourtol.launcher.instance.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bourtol bench}: each hop of the pipeline next to a baseline measured in the same run on the same broker
 * (throughput at saturation, latency at half of it, ratios), then the backtest replay rate; {@code --json FILE}
 * writes every figure. Without {@code kafka.bootstrap} it starts its own embedded Bourtol (ingest, rules, notifier
 * with its local Twilio sink) on free loopback ports; otherwise it measures the configured one, which nobody else
 * should be feeding meanwhile (the notifier hop needs the embedded local sink). {@code --hops memory} (not a default) runs
 * in-process without a broker: simulated herds through the rules topology, heap after GC and store sizes, and the
 * notifier's tick against the number of resolved alerts ({@link MemoryOptions}). docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure every pipeline hop against a baseline measured in the same run (docs/performance.md).")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--messages", defaultValue = "5000", description = "Messages per path and run (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--recipients", defaultValue = "50", description = "Recipients of the notifier hop's alerts (default: ${DEFAULT-VALUE})")
    int recipients;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Saturation runs of every path, taking turns with the baseline; ratios are the median of the rounds'"
                    + " (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--hops", split = ",", defaultValue = "mqtt,sms,notify,rules,backtest",
            description = "Hops to measure, among ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Set<Benchmarks.Hops> hops;

    @Option(names = "--warm-up", defaultValue = "PT90S",
            description = "Longest warm-up of a hop: unmeasured rounds of every path until the JIT compiles for under a tenth of a"
                    + " round; PT0S for one round (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    @Option(names = "--cpu-threads", defaultValue = "0",
            description = "With the embedded Bourtol, print each path's CPU per message split by its N busiest threads (always in"
                    + " --json; default: ${DEFAULT-VALUE}, not printed)")
    int cpuThreads;

    @Option(names = "--json", description = "Also write every figure to this JSON file")
    Path json;

    @Mixin
    MemoryOptions memory;

    @Mixin
    ConsoleLogs logs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logs.quietUnlessAsked();
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, not " + rounds);
        }
        BourtolConfig cfg = config.load();
        var out = spec.commandLine().getOut();
        Benchmarks bench = new Benchmarks(messages, recipients, rounds, hops, warmUp, cpuThreads, out);
        Map<String, Object> figures = new LinkedHashMap<>(Benchmarks.machine());
        out.println(Benchmarks.machineLine());
        if (hops.stream().noneMatch(Benchmarks.Hops::live)) {
            out.println("No live hop selected: no Bourtol started.");
        } else if (cfg.kafka().bootstrap() != null) {
            figures.put("hops", bench.run(Benchmarks.external(cfg), cfg));
        } else {
            out.println("No kafka.bootstrap configured: starting an embedded Bourtol on free loopback ports for the bench.");
            Map<String, String> env = new HashMap<>(System.getenv());
            // its Kafka log and stores (hundreds of MB after a run) go with it: a bench run leaves nothing behind
            Path data = Files.createTempDirectory("bourtol-bench-");
            env.put("BOURTOL_DATA_DIR", data.toString());
            env.put("BOURTOL_HTTP_PORT", "0");
            env.put("BOURTOL_EMBEDDED_KAFKA_PORT", "0");
            env.put("BOURTOL_EMBEDDED_MQTT_PORT", "0");
            env.putIfAbsent("TWILIO_AUTH_TOKEN", "bench-" + java.util.UUID.randomUUID());
            // grouping windows are reported beside the figures, not measured (docs/performance.md)
            env.put("BOURTOL_NOTIFIER_GROUP_WINDOW", "PT0S");
            env.put("BOURTOL_NOTIFIER_EXTREME_WINDOW", "PT0S");
            env.put("BOURTOL_NOTIFIER_MAX_SMS_PER_RECIPIENT_PER_HOUR", "10000");
            env.put("BOURTOL_NOTIFIER_MAX_SMS_PER_HOUR", "0");
            try (Instance platform = Instance.start(new Instance.Options(config.path(), env, true,
                    EnumSet.of(Instance.Part.INGEST, Instance.Part.RULES, Instance.Part.NOTIFIER), null))) {
                figures.put("hops", bench.run(Benchmarks.embedded(platform), cfg));
            } finally {
                FileUtils.deleteQuietly(data.toFile());
            }
        }
        if (hops.contains(Benchmarks.Hops.backtest)) {
            BacktestBench.Result r = BacktestBench.run(cfg);
            out.print(r.text());
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("observations", r.observations());
            b.put("baselinePerSecond", Math.round(r.baselinePerSecond()));
            b.put("replayPerSecond", Math.round(r.replayPerSecond()));
            b.put("replayOverBaseline", Math.round(r.replayPerSecond() / r.baselinePerSecond() * 1000) / 1000.0);
            b.put("replayCpuSeconds", r.replayCpu());
            b.put("recordBytes", Math.round(r.recordBytes()));
            figures.put("backtest", b);
        }
        if (hops.contains(Benchmarks.Hops.memory)) {
            figures.put("memory", memory.run(cfg, out));
        }
        figures.put("loadAverageAfter", Benchmarks.machine().get("loadAverage"));
        if (json != null) {
            org.bourtol.contracts.topic.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), figures);
            out.println("figures written to " + json);
        }
        out.flush();
        return 0;
    }

}
