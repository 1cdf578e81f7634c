package org.bourtol.launcher;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.ingest.mqtt.MqttInput;
import org.bourtol.ingest.mqtt.MqttMessageParser;
import org.bourtol.ingest.place.Gazetteer;
import org.bourtol.ingest.validation.ObservationReader;
import org.bourtol.rules.backtest.Recorded;
import org.bourtol.rules.backtest.Replay;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.simulator.scenario.Dataset;
import org.bourtol.simulator.scenario.Emission;
import org.bourtol.simulator.scenario.ScenarioModel;
import org.bourtol.simulator.scenario.ScenarioSpec;
import org.bourtol.simulator.scenario.Timeline;

/**
 * The backtest replay rate for {@code bourtol bench}: the built-in demo season's device readings (parsed by
 * ingest's own MQTT parser into the observations ingest would publish) replayed with the default zones and
 * rules through {@link Replay}, timed on the wall clock, next to a baseline measured in the same run: the same
 * records through a topology that only deserialises them, in the same test driver.
 */
final class BacktestBench {

    private BacktestBench() {
    }

    /** What one backtest bench measured: the read-only baseline and the replay, seconds and thread CPU seconds. */
    record Result(int observations, int rules, int alertEvents, double baselineSeconds, double baselineCpu, double replaySeconds,
            double replayCpu, double recordBytes) {

        double replayPerSecond() {
            return observations / replaySeconds;
        }

        double baselinePerSecond() {
            return observations / baselineSeconds;
        }

        /**
         * Two lines: the driver baseline (the same records through a topology that only reads each observation, in the
         * same kind of driver) and the backtest replay of the season, with seconds, observations/s and replay-thread CPU.
         */
        String text() {
            return String.format(Locale.ROOT, "backtest baseline (the same records through a read-only topology in the same driver): %d observations"
                    + " in %.2f s = %.0f observations/s (thread CPU %.2f s)%n"
                    + "backtest replay: %d observations of the built-in season, %d rules, %d alert events in %.2f s = %.0f observations/s"
                    + " (replay thread CPU %.2f s = %.0f observations per CPU second; %.1f x the baseline's time)%n"
                    + "observation records average %.0f bytes (key + JSON value), about %.0f MB per million observations per replica before compression%n",
                    observations, baselineSeconds, baselinePerSecond(), baselineCpu,
                    observations, rules, alertEvents, replaySeconds, replayPerSecond(), replayCpu, observations / replayCpu,
                    replaySeconds / baselineSeconds, recordBytes, recordBytes);
        }
    }

    /** Replays the built-in season with the default zones and rules, after the read-only baseline on the same records. */
    static Result run(BourtolConfig cfg) {
        List<Zone> zones = DefaultDataset.zones();
        List<Recorded> records = new ArrayList<>();
        for (Observation o : season(cfg)) {
            // stored a second after the reading, as on a live deployment: the evaluators' 5 s tick falls between records
            records.add(new Recorded(Recorded.Kind.OBSERVATION, o.subject(),
                    Topics.OBSERVATIONS.valueBytes(o),
                    o.observedAt().toEpochMilli() + 1000, o.observedAt()));
        }
        records.sort(Recorded.STORED_ORDER);
        Timed baseline = Timed.of(() -> readOnly(records));
        Replay replay = new Replay(cfg.rules().grace(), cfg.rules().unverifiedWeight());
        int[] alerts = new int[1];
        Timed run = Timed.of(() -> alerts[0] = replay.run(zones, DefaultDataset.rules(), records, () -> false, n -> {}).size());
        double bytes = records.stream().mapToLong(r -> r.value().length + r.key().length()).average().orElse(0);
        return new Result(records.size(), DefaultDataset.rules().size(), alerts[0], baseline.seconds, baseline.cpuSeconds, run.seconds,
                run.cpuSeconds, bytes);
    }

    /** The built-in season's device readings as ingest would publish them (its own MQTT parser), in emission order. */
    static List<Observation> season(BourtolConfig cfg) {
        Timeline season = ScenarioModel.generate(ScenarioSpec.builtIn(), Dataset.sahel(), LocalDate.now(ZoneOffset.UTC));
        MqttMessageParser parser = new MqttMessageParser(cfg.mqtt().prefix(), cfg.mqtt().maxPayloadBytes(),
                new ObservationReader(() -> Gazetteer.of(DefaultDataset.zones())), new Pseudonyms("backtest-bench-key-0123456789"),
                id -> true, id -> true);
        List<Observation> out = new ArrayList<>();
        for (Emission e : season.emissions()) {
            if (e instanceof Emission.Mqtt m
                    && parser.parse(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), m.at()) instanceof MqttInput.Accepted a) {
                out.add(a.observation());
            }
        }
        return out;
    }

    /** The floor a replay cannot go below: every observation deserialised by a source node of a driver, nothing else. */
    private static void readOnly(List<Recorded> records) {
        StreamsBuilder builder = new StreamsBuilder();
        long[] read = new long[1];
        builder.stream(Topics.OBSERVATIONS.name(), Consumed.with(Topics.OBSERVATIONS.keySerde(), Topics.OBSERVATIONS.valueSerde()))
                .foreach((k, v) -> read[0]++);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bourtol-backtest-baseline");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "isolated-backtest:9");
        long start = records.isEmpty() ? 0 : records.get(0).storedAtMs();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(start))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.OBSERVATIONS.name(), new StringSerializer(), new ByteArraySerializer());
            long clock = start;
            for (Recorded r : records) {
                if (r.storedAtMs() > clock) {
                    driver.advanceWallClockTime(Duration.ofMillis(r.storedAtMs() - clock));
                    clock = r.storedAtMs();
                }
                in.pipeInput(r.key(), r.value(), r.storedAtMs());
            }
        }
        if (read[0] != records.size()) {
            throw new IllegalStateException("baseline read " + read[0] + " of " + records.size() + " observations");
        }
    }

    /** Wall-clock and this thread's CPU seconds of one run. */
    private record Timed(double seconds, double cpuSeconds) {
        static Timed of(Runnable run) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.run();
            return new Timed((System.nanoTime() - t0) / 1e9, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
        }
    }
}
