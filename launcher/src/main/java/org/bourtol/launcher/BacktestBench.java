package org.bourtol.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * rules through {@link Replay}, timed on the wall clock.
 */
final class BacktestBench {

    private BacktestBench() {
    }

    /** One line: observations, replay time and observations per second. */
    static String line(BourtolConfig cfg) {
        Timeline season = ScenarioModel.generate(ScenarioSpec.builtIn(), Dataset.sahel(), LocalDate.now(ZoneOffset.UTC));
        List<Zone> zones = DefaultDataset.zones();
        MqttMessageParser parser = new MqttMessageParser(cfg.mqtt().prefix(), cfg.mqtt().maxPayloadBytes(),
                new ObservationReader(() -> Gazetteer.of(zones)), new Pseudonyms("backtest-bench-key-0123456789"), id -> true, id -> true);
        List<Recorded> records = new ArrayList<>();
        long stored = Instant.now().toEpochMilli();
        for (Emission e : season.emissions()) {
            if (e instanceof Emission.Mqtt m
                    && parser.parse(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), m.at()) instanceof MqttInput.Accepted a) {
                Observation o = a.observation();
                records.add(new Recorded(Recorded.Kind.OBSERVATION, o.subject(),
                        Topics.OBSERVATIONS.valueSerde().serializer().serialize(Topics.OBSERVATIONS.name(), o), stored += 2, o.observedAt()));
            }
        }
        Replay replay = new Replay(cfg.rules().grace(), cfg.rules().unverifiedWeight());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int alerts = replay.run(zones, DefaultDataset.rules(), records, () -> false, n -> { }).size();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double bytes = records.stream().mapToLong(r -> r.value().length + r.key().length()).average().orElse(0);
        return String.format(Locale.ROOT, "backtest replay: %d observations of the built-in season, %d rules, %d alert events in %.2f s"
                + " = %.0f observations/s (replay thread CPU %.2f s = %.0f observations per CPU second); observation records average %.0f bytes (key + JSON value), about %.0f MB per million"
                + " observations per replica before compression%n", records.size(), DefaultDataset.rules().size(), alerts, seconds,
                records.size() / seconds, cpuSeconds, records.size() / cpuSeconds, bytes, bytes);
    }
}
