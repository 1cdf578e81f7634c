package org.bourtol.launcher.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.config.BourtolConfig;
import picocli.CommandLine.Option;

/**
 * The options of {@code bourtol bench --hops memory} and the run they describe: {@link MemoryBench} (herds into the
 * rules topology for some simulated days, heap after GC and store sizes per day), then {@link TickBench} (the
 * notifier's tick against the number of resolved alerts). The defaults are issue 15's target, a run of hours on two
 * cores (docs/performance.md, "Memory and per-tick work").
 */
public final class MemoryOptions {

    @Option(names = "--herds", defaultValue = "100000", description = "memory: herds reporting (default: ${DEFAULT-VALUE})")
    int herds;

    @Option(names = "--days", defaultValue = "7", description = "memory: simulated days, 0.125 for three hours (default: ${DEFAULT-VALUE})")
    double days;

    @Option(names = "--interval", defaultValue = "PT15M", description = "memory: time between two positions of a herd (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--silent-share", defaultValue = "0.2",
            description = "memory: share of the herds that stop reporting (default: ${DEFAULT-VALUE})")
    double silentShare;

    @Option(names = "--silent-after", defaultValue = "P2D",
            description = "memory: simulated time after which they stop (default: ${DEFAULT-VALUE})")
    Duration silentAfter;

    @Option(names = "--state-expiry",
            description = "memory: rules.stateExpiry for the run (default: the configured one, 30 days unless set)")
    Duration stateExpiry;

    @Option(names = "--start", defaultValue = "2026-08-01T00:00:00Z",
            description = "memory: simulated start, in the farmland's protected season (default: ${DEFAULT-VALUE})")
    Instant start;

    @Option(names = "--sample-every", defaultValue = "P1D",
            description = "memory: simulated time between two samples of heap and stores (default: ${DEFAULT-VALUE})")
    Duration sampleEvery;

    @Option(names = "--resolved-alerts", split = ",", defaultValue = "0,10000,100000",
            description = "memory: numbers of settled resolved alerts for the notifier tick (default: ${DEFAULT-VALUE})")
    List<Integer> resolvedAlerts;

    /** Runs both parts, printing as they go; returns their figures for {@code --json}. */
    public Map<String, Object> run(BourtolConfig cfg, PrintWriter out) {
        if (herds <= 0 || days <= 0 || interval.isNegative() || interval.isZero() || Duration.ofDays(1).toNanos() % interval.toNanos() != 0) {
            throw new IllegalArgumentException("--herds and --days must be positive and --interval must divide a day, got " + herds + ", "
                    + days + ", " + interval);
        }
        Duration expiry = stateExpiry != null ? stateExpiry : cfg.rules().stateExpiry();
        MemoryBench.Result r = MemoryBench.run(new MemoryBench.Options(herds, days, interval, silentShare, silentAfter, expiry, start,
                cfg.rules().grace(), cfg.rules().unverifiedWeight(), sampleEvery), out);
        out.println(Benchmarks.machineLine());
        Map<String, Object> figures = new LinkedHashMap<>(MemoryBench.json(r));
        List<TickBench.Row> ticks = TickBench.run(resolvedAlerts, out);
        out.println(Benchmarks.machineLine());
        figures.put("notifierTick", ticks.stream().map(t -> Map.of("resolvedAlerts", t.resolved(), "openAlerts", t.open(),
                "tickMicros", Math.round(t.tickMicros() * 10) / 10.0, "scanAllMicros", Math.round(t.scanAllMicros() * 10) / 10.0)).toList());
        return figures;
    }
}
