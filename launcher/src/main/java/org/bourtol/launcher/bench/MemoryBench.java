package org.bourtol.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.RulesTopology;
import org.bourtol.rules.Families;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Timeline;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;

/**
 * The memory part of {@code bourtol bench --hops memory}: {@link HerdFleet}'s herds report one position each per interval
 * for some simulated days into the production rules topology ({@link RulesTopology#build}, the default zones and rules,
 * stores without changelogs as in a backtest) inside a {@link TopologyTestDriver}. The driver's wall clock advances one
 * interval per round, so the evaluators' re-check and the state-expiry sweep run as on a live instance. After every
 * simulated day it forces a garbage collection and prints the heap in use and every state store's entries and bytes;
 * at the end, how many of the herds that fell silent still have state in the herd-keyed families (a firing timeline
 * stays by design until its rule clears).
 */
final class MemoryBench {

    /** The families keyed by herd, whose stores grow with the number of herds. */
    static final List<String> HERD_FAMILIES = List.of(ProtectedZoneFamily.TYPE, CorridorFamily.TYPE, PassageFamily.TYPE);

    /** What to simulate; {@code silentAfter} is counted from {@code start}. */
    record Options(int herds, double days, Duration interval, double silentShare, Duration silentAfter, Duration stateExpiry,
            Instant start, Duration grace, double unverifiedWeight, Duration sampleEvery) {
    }

    /** One sample (every simulated day by default): observations so far, the rate since the last sample, heap in use after a forced GC, and the stores. */
    record Sample(Duration elapsed, Instant simulatedTime, long observations, double perSecond, long heapUsedBytes, List<StoreSizes.Store> stores) {
        long entries(String store) {
            return stores.stream().filter(s -> s.name().equals(store)).mapToLong(StoreSizes.Store::entries).sum();
        }

        long herdEntries() {
            return HERD_FAMILIES.stream().mapToLong(f -> entries(f + "-state")).sum() + entries(Families.HERD_INPUTS + "-inputs");
        }

        long storeBytes() {
            return stores.stream().mapToLong(StoreSizes.Store::bytes).sum();
        }
    }

    /** The run: its samples, the heap limit, and what remains of the silent herds (timelines, of which firing). */
    record Result(Options options, long heapMaxBytes, List<Sample> samples, int silentHerds, long silentTimelines, long silentFiring,
            long alertEvents, double seconds) {
    }

    private MemoryBench() {
    }

    static Result run(Options o, PrintWriter out) {
        HerdFleet fleet = new HerdFleet(o.herds(), o.interval(), o.silentShare(), o.start().plus(o.silentAfter()), 42);
        long heapMax = Runtime.getRuntime().maxMemory();
        out.printf(Locale.ROOT, "memory: %,d herds (%,d fall silent after %s), one position each every %s for %s simulated days from %s;"
                + " rules.stateExpiry %s; heap limit %,d MB%n", o.herds(), fleet.silentCount(), o.silentAfter(), o.interval(), o.days(),
                o.start(), o.stateExpiry(), heapMax >> 20);
        out.flush();
        Path dir = tempDir();
        Properties common = new Properties();
        common.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "isolated-memory-bench:9");
        Properties props = RulesTopology.properties(common, "bourtol-bench-memory", dir);
        RulesEnv env = RulesEnv.isolated(o.grace(), o.unverifiedWeight()).withStateExpiry(o.stateExpiry());
        long roundsPerDay = Duration.ofDays(1).dividedBy(o.interval());
        List<Sample> samples = new ArrayList<>();
        long observations = 0;
        long alerts = 0;
        long t0 = System.nanoTime();
        try (TopologyTestDriver driver = new TopologyTestDriver(RulesTopology.build(env), props, o.start())) {
            loadDirectory(driver, o.start());
            TestInputTopic<String, Observation> in = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(),
                    Topics.OBSERVATIONS.valueSerde().serializer());
            Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
            Instant roundStart = o.start();
            long rounds = Math.max(1, Math.round(roundsPerDay * o.days()));
            long sampleRounds = Math.max(1, o.sampleEvery().dividedBy(o.interval()));
            long sinceStart = System.nanoTime();
            long sinceObservations = 0;
            for (int round = 0; round < rounds; round++) {
                for (HerdPosition h : fleet.round(round, roundStart)) {
                    in.pipeInput(h.herdId(), h, h.observedAt().toEpochMilli());
                    sinceObservations++;
                }
                roundStart = roundStart.plus(o.interval());
                driver.advanceWallClockTime(o.interval());
                alerts += drain(driver, outputs);
                if ((round + 1) % sampleRounds == 0 || round == rounds - 1) {
                    observations += sinceObservations;
                    double rate = sinceObservations / ((System.nanoTime() - sinceStart) / 1e9);
                    Sample d = new Sample(Duration.between(o.start(), roundStart), roundStart, observations, rate, heapAfterGc(),
                            StoreSizes.of(driver));
                    samples.add(d);
                    print(out, d);
                    sinceStart = System.nanoTime();
                    sinceObservations = 0;
                }
            }
            long[] silent = silentState(driver, fleet);
            Result result = new Result(o, heapMax, samples, fleet.silentCount(), silent[0], silent[1], alerts, (System.nanoTime() - t0) / 1e9);
            summary(out, result);
            return result;
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    /** The default zones and rules into the global stores, as the directory topics hold them. */
    private static void loadDirectory(TopologyTestDriver driver, Instant at) {
        TestInputTopic<String, Zone> zones = driver.createInputTopic(Topics.ZONES.name(), new StringSerializer(),
                Topics.ZONES.valueSerde().serializer());
        TestInputTopic<String, RuleDocument> rules = driver.createInputTopic(Topics.RULES.name(), new StringSerializer(),
                Topics.RULES.valueSerde().serializer());
        DefaultDataset.zones().stream().sorted(Comparator.comparing(Zone::id)).forEach(z -> zones.pipeInput(z.id(), z, at));
        DefaultDataset.rules().stream().sorted(Comparator.comparing(RuleDocument::id)).forEach(r -> rules.pipeInput(r.id(), r, at));
    }

    /**
     * Empties every topic the topology wrote (the driver keeps each output record until read: left alone, they would
     * be the bench's own leak); returns the alert events among them.
     */
    private static long drain(TopologyTestDriver driver, Map<String, TestOutputTopic<byte[], byte[]>> outputs) {
        long alerts = 0;
        for (String topic : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> t = outputs.computeIfAbsent(topic,
                    n -> driver.createOutputTopic(n, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            long n = t.getQueueSize();
            for (long i = 0; i < n; i++) {
                t.readRecord();
            }
            alerts += topic.equals(Topics.ALERTS.name()) ? n : 0;
        }
        return alerts;
    }

    /** Heap in use after a full collection (two, so that objects freed by finalisation-like references go too). */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Timelines of silent herds left in the herd-keyed families, and how many of them are firing. */
    private static long[] silentState(TopologyTestDriver driver, HerdFleet fleet) {
        Map<String, Boolean> silent = new HashMap<>();
        for (int i = 0; i < fleet.herds(); i++) {
            if (fleet.silent(i)) {
                silent.put(HerdFleet.herdId(i), true);
            }
        }
        long left = 0;
        long firing = 0;
        for (String family : HERD_FAMILIES) {
            KeyValueStore<String, Timeline<?>> store = driver.getKeyValueStore(family + "-state");
            try (KeyValueIterator<String, Timeline<?>> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Timeline<?>> kv = it.next();
                    if (silent.containsKey(kv.key.substring(kv.key.indexOf('|') + 1))) {
                        left++;
                        firing += kv.value.fired() ? 1 : 0;
                    }
                }
            }
        }
        return new long[] {left, firing};
    }

    private static void print(PrintWriter out, Sample d) {
        out.printf(Locale.ROOT, "after %s (simulated %s): %,d observations in all, %,.0f observations/s since the last sample; heap after GC"
                + " %,.1f MB; herd-keyed entries %,d; all stores %,d entries, %,.1f MB serialised%n", elapsed(d.elapsed()), d.simulatedTime(), d.observations(),
                d.perSecond(), d.heapUsedBytes() / 1048576.0, d.herdEntries(),
                d.stores().stream().mapToLong(StoreSizes.Store::entries).sum(), d.storeBytes() / 1048576.0);
        for (StoreSizes.Store s : d.stores()) {
            if (s.entries() > 0) {
                out.printf(Locale.ROOT, "  %-36s %,12d entries %,12.1f KB%n", s.name(), s.entries(), s.bytes() / 1024.0);
            }
        }
        out.flush();
    }

    private static void summary(PrintWriter out, Result r) {
        List<Sample> samples = r.samples();
        Sample last = samples.get(samples.size() - 1);
        if (samples.size() > 1) {
            Sample before = samples.get(samples.size() - 2);
            out.printf(Locale.ROOT, "last sample period: heap after GC %+,.1f MB (%,.1f -> %,.1f MB of %,d MB), herd-keyed entries %+,d, store bytes %+,.1f MB%n",
                    (last.heapUsedBytes() - before.heapUsedBytes()) / 1048576.0, before.heapUsedBytes() / 1048576.0,
                    last.heapUsedBytes() / 1048576.0, r.heapMaxBytes() >> 20, last.herdEntries() - before.herdEntries(),
                    (last.storeBytes() - before.storeBytes()) / 1048576.0);
        }
        out.printf(Locale.ROOT, "silent herds: %,d; their timelines left in %s: %,d (of which firing, kept until the rule clears: %,d);"
                + " alert events %,d; %.0f s%n", r.silentHerds(), HERD_FAMILIES, r.silentTimelines(), r.silentFiring(), r.alertEvents(),
                r.seconds());
        out.flush();
    }

    /** The figures for {@code --json}. */
    static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Options o = r.options();
        m.put("herds", o.herds());
        m.put("days", o.days());
        m.put("interval", o.interval().toString());
        m.put("silentShare", o.silentShare());
        m.put("silentAfter", o.silentAfter().toString());
        m.put("stateExpiry", o.stateExpiry().toString());
        m.put("heapMaxMb", r.heapMaxBytes() >> 20);
        List<Object> samples = new ArrayList<>();
        for (Sample d : r.samples()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("elapsed", d.elapsed().toString());
            j.put("observations", d.observations());
            j.put("perSecond", Math.round(d.perSecond()));
            j.put("heapAfterGcMb", Math.round(d.heapUsedBytes() / 1048576.0 * 10) / 10.0);
            j.put("herdKeyedEntries", d.herdEntries());
            Map<String, Object> stores = new LinkedHashMap<>();
            d.stores().forEach(s -> stores.put(s.name(), Map.of("entries", s.entries(), "bytes", s.bytes())));
            j.put("stores", stores);
            samples.add(j);
        }
        m.put("samples", samples);
        m.put("silentHerds", r.silentHerds());
        m.put("silentTimelinesLeft", r.silentTimelines());
        m.put("silentTimelinesFiring", r.silentFiring());
        m.put("alertEvents", r.alertEvents());
        m.put("seconds", Math.round(r.seconds()));
        return m;
    }

    /** "3d", "2h", "3d6h". */
    static String elapsed(Duration d) {
        long days = d.toDays();
        long hours = d.minusDays(days).toHours();
        long minutes = d.minusDays(days).minusHours(hours).toMinutes();
        return (days > 0 ? days + "d" : "") + (hours > 0 ? hours + "h" : "") + (minutes > 0 || d.isZero() ? minutes + "m" : "");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bourtol-bench-memory-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
