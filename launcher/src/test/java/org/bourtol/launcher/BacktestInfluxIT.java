package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.InfluxInputs;
import org.bourtol.rules.backtest.FallbackHistory;
import org.bourtol.rules.backtest.History;
import org.bourtol.rules.backtest.Recorded;
import org.bourtol.rules.backtest.Replay;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.testkit.Influxd;
import org.bourtol.timeseries.schema.PointMapper;
import org.bourtol.timeseries.sink.InfluxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The InfluxDB fallback of a backtest against Debian's real influxd: the built-in season's observations written by
 * the time-series sink's own mapping and writer are read back by {@link InfluxInputs} as the same observations (ids,
 * event times, values); replayed, they raise exactly the alerts the original records raise; and {@link FallbackHistory}
 * fills the part of a period that Kafka no longer holds, saying so.
 */
@Timeout(600)
class BacktestInfluxIT {

    @Test
    void observationsOlderThanKafkaRetentionAreReadFromInfluxAndReplayTheSame() throws Exception {
        BourtolConfig base = ConfigLoader.load(Optional.empty(), Map.of());
        List<Observation> season = BacktestBench.season(base);
        try (Influxd influxd = Influxd.start()) {
            BourtolConfig.Influx influx = new BourtolConfig.Influx(influxd.url(), "bourtol", null, null, null, "INF", 5000,
                    Duration.ofSeconds(1));
            try (InfluxWriter writer = new InfluxWriter(influx)) {
                for (int i = 0; i < season.size(); i += 5000) {
                    writer.write(season.subList(i, Math.min(season.size(), i + 5000)).stream().map(PointMapper::observation).toList());
                }
            }
            BourtolConfig cfg = ConfigLoader.load(Optional.empty(), Map.of("BOURTOL_INFLUX_URL", influxd.url()));
            InfluxInputs inputs = InfluxInputs.of(cfg);
            Instant from = season.stream().map(Observation::observedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant to = season.stream().map(Observation::observedAt).max(Comparator.naturalOrder()).orElseThrow().plusSeconds(1);

            // 1. the same observations come back; a redelivered one (the season's duplicate fault: same id, received
            // later) is one point in InfluxDB, holding the last delivery's receipt time, as the sink writes it
            List<Recorded> rebuilt = inputs.observations(from, to);
            Map<String, Observation> byId = new LinkedHashMap<>();
            season.forEach(o -> byId.put(o.id(), o));
            assertTrue(byId.size() < season.size(), "the season has duplicate deliveries");
            assertEquals(byId.size(), rebuilt.size());
            for (Recorded r : rebuilt) {
                Observation back = Topics.OBSERVATIONS.valueSerde().deserializer().deserialize(Topics.OBSERVATIONS.name(), r.value());
                Observation original = byId.get(back.id());
                assertEquals(Json.MAPPER.writeValueAsString(original), Json.MAPPER.writeValueAsString(back), "observation " + back.id());
                assertEquals(original.subject(), r.key());
            }

            // 2. replayed, they raise exactly what the original records raise
            List<Recorded> originals = new ArrayList<>();
            for (Observation o : season) {
                originals.add(new Recorded(Recorded.Kind.OBSERVATION, o.subject(),
                        Topics.OBSERVATIONS.valueSerde().serializer().serialize(Topics.OBSERVATIONS.name(), o),
                        o.receivedAt().toEpochMilli(), o.observedAt()));
            }
            originals.sort(Recorded.STORED_ORDER);
            Replay replay = new Replay(cfg.rules().grace(), cfg.rules().unverifiedWeight());
            List<String> fromKafka = fingerprints(replay.run(DefaultDataset.zones(), DefaultDataset.rules(), originals, () -> false, n -> {}));
            List<String> fromInflux = fingerprints(replay.run(DefaultDataset.zones(), DefaultDataset.rules(), rebuilt, () -> false, n -> {}));
            System.out.println("influx fallback: " + rebuilt.size() + " observations, " + fromInflux.size() + " alert events");
            assertTrue(fromKafka.size() > 100, "the season raises alerts: " + fromKafka.size());
            assertEquals(fromKafka, fromInflux);

            // 3. Kafka lost the first half of the period: the fallback fills it from InfluxDB and says so
            Instant since = from.plus(Duration.between(from, to).dividedBy(2));
            List<Recorded> kept = originals.stream().filter(r -> !r.eventTime().isBefore(since)).toList();
            History kafka = new History() {
                @Override
                public Inputs inputs(Instant a, Instant b) {
                    return new Inputs(kept, since);
                }

                @Override
                public List<AlertEvent> alerts(Instant a, Instant b) {
                    return List.of();
                }
            };
            History.Inputs whole = new FallbackHistory(kafka, inputs).inputs(from, to);
            assertNull(whole.retainedSince(), "nothing missing any more");
            long olderIds = byId.values().stream().filter(o -> o.observedAt().isBefore(since)).count();
            assertEquals(kept.size() + olderIds, whole.records().size());
            assertEquals(1, whole.notes().size());
            assertTrue(whole.notes().get(0).startsWith(olderIds + " observations between") && whole.notes().get(0)
                    .contains("InfluxDB " + influxd.url()), whole.notes().toString());
            assertEquals(fromKafka, fingerprints(replay.run(DefaultDataset.zones(), DefaultDataset.rules(), whole.records(), () -> false, n -> {})));
        }
    }

    private static List<String> fingerprints(List<AlertEvent> events) {
        return events.stream().map(e -> e.eventId() + " at " + e.at() + " " + e.alert().severity() + "/" + e.alert().level()).sorted().toList();
    }
}
