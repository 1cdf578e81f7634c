package org.bourtol.rules.backtest;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.rules.Fixtures;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.dataset.DefaultDataset;
import org.junit.jupiter.api.Test;

/** The replay against the production topology driven directly, and a backtest over a fake history. */
class ReplayTest {

    static final Duration GRACE = Duration.ofHours(6);

    static RuleDocument niamey(int warning) {
        return Fixtures.rule("{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
                + "'params':{'warningCm':" + warning + ",'alertCm':580,'dangerCm':620,'hysteresisCm':20,'holdMinutes':720},"
                + "'severity':{'warning':'Moderate','alert':'Severe','danger':'Extreme'},'version':3}");
    }

    static List<Observation> season() {
        List<Observation> out = new ArrayList<>();
        int[] levels = {500, 515, 522, 531, 545, 560, 585, 600, 590, 570, 540, 520, 505, 490};
        for (int i = 0; i < levels.length; i++) {
            out.add(gauge("niamey", levels[i], day(8, 1, 6).plus(Duration.ofDays(i))));
        }
        return out;
    }

    static List<Recorded> recorded(List<Observation> os) {
        List<Recorded> out = new ArrayList<>();
        long stored = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        for (Observation o : os) {
            out.add(new Recorded(Recorded.Kind.OBSERVATION, o.subject(), Topics.OBSERVATIONS.valueSerde().serializer()
                    .serialize(Topics.OBSERVATIONS.name(), o), stored += 100, o.observedAt()));
        }
        out.add(1, new Recorded(Recorded.Kind.OBSERVATION, "niamey", "{\"kind\":\"gauge\",\"levelCm\":\"x".getBytes(StandardCharsets.UTF_8),
                stored, null));
        return out;
    }

    static Map<String, Zone> zones() {
        Map<String, Zone> m = new TreeMap<>();
        DefaultDataset.zones().forEach(z -> m.put(z.id(), z));
        return m;
    }

    @Test
    void replayGivesExactlyWhatTheLiveTopologyPublished() {
        List<AlertEvent> live;
        try (TopologyHarness h = new TopologyHarness(GRACE)) {
            h.rule(niamey(530));
            season().forEach(h::observe);
            live = h.drain();
        }
        List<AlertEvent> replayed = new Replay(GRACE, 0.5).run(zones().values(), List.of(niamey(530)), recorded(season()), () -> false, n -> {});
        assertTrue(live.size() >= 3, live.toString());
        assertEquals(live, replayed);
    }

    @Test
    void aLowerWarningLevelRaisesEarlierAndTheComparisonSaysByHowMuch() {
        History history = new FakeHistory(recorded(season()), new Replay(GRACE, 0.5)
                .run(zones().values(), List.of(niamey(530)), recorded(season()), () -> false, n -> {}));
        Backtester b = new Backtester(history, new Replay(GRACE, 0.5), ReplayTest::zones, () -> Map.of("niamey-gauge-level", niamey(530)),
                (events, zones, end) -> List.of(new SmsForecast.Count("pc-niamey", "Protection civile", events.size(), events.size(), null)),
                Duration.ofDays(200));
        Instant from = day(7, 1, 0);
        Instant to = day(9, 1, 0);
        BacktestResult same = b.run(new BacktestRequest(List.of(niamey(530)), List.of(), from, to), () -> false, n -> {});
        assertTrue(same.reproduction().exact(), same.reproduction().toString());
        assertEquals(List.of(), same.changedRules());
        assertEquals(same.comparison().differences().size(), same.comparison().count(Comparison.Kind.UNCHANGED));
        assertEquals(14, same.observations());

        BacktestResult lower = b.run(new BacktestRequest(List.of(niamey(520)), List.of(), from, to), () -> false, n -> {});
        assertEquals(List.of("niamey-gauge-level"), lower.changedRules());
        Comparison.Difference d = lower.comparison().differences().get(0);
        assertEquals(List.of(Comparison.Kind.EARLIER), d.kinds());
        assertEquals(-24 * 60L, d.onsetShiftMinutes(), "522 cm on 3 Aug instead of 531 cm on 4 Aug");
        assertEquals("pc-niamey", lower.sms().get(0).recipient());
    }

    @Test
    void aPeriodWithoutDataSaysSoAndACancelledReplayStops() {
        Backtester b = new Backtester(new FakeHistory(List.of(), List.of()), new Replay(GRACE, 0.5), ReplayTest::zones, Map::of, null,
                Duration.ofDays(200));
        Backtester.NoData e = assertThrows(Backtester.NoData.class, () -> b.run(new BacktestRequest(List.of(niamey(520)), List.of(),
                day(7, 1, 0), day(9, 1, 0)), () -> false, n -> {}));
        assertTrue(e.getMessage().startsWith("no observations between 2020-07-01T00:00:00Z and 2020-09-01T00:00:00Z"), e.getMessage());
        List<Recorded> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.addAll(recorded(List.of(gauge("niamey", 400, day(8, 1, 0).plusSeconds(i * 60L)))));
        }
        assertThrows(CancellationException.class, () -> new Replay(GRACE, 0.5).run(zones().values(), List.of(niamey(530)), many,
                () -> true, n -> {}));
    }

    private record FakeHistory(List<Recorded> records, List<AlertEvent> events) implements History {
        @Override
        public Inputs inputs(Instant from, Instant to) {
            return new Inputs(records, null);
        }

        @Override
        public List<AlertEvent> alerts(Instant from, Instant to) {
            return events;
        }
    }
}
