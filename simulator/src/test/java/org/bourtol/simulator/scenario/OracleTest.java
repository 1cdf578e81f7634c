package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.simulator.scenario.GroundTruthEvent.Types;
import org.junit.jupiter.api.Test;

/** Ground-truth bookkeeping with the default dataset's zones and rule parameters. */
class OracleTest {

    private static final Dataset DS = Dataset.sahel();
    private static final Instant T0 = Instant.parse("2025-09-01T06:00:00Z");

    private static Instant h(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @Test
    void gaugeLevelsCountEachLevelOncePerEpisode() {
        List<Fact> facts = new ArrayList<>();
        int[] levels = {520, 531, 529, 585, 640, 600, 590, 480, 470, 470, 470, 470, 535};
        for (int i = 0; i < levels.length; i++) {
            facts.add(new Fact.Level(i, h(6 * i), "niamey", levels[i]));
        }
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        truth = truth.stream().filter(e -> e.type().equals(Types.GAUGE)).toList();
        List<String> names = truth.stream().map(GroundTruthEvent::level).toList();
        assertEquals(List.of("warning", "alert", "danger", "warning"), names);
        assertEquals(h(6), truth.get(0).start());
        assertEquals(1, truth.get(0).trigger());
        assertTrue(truth.get(0).zones().contains("niamey"));
    }

    @Test
    void farmlandOnlyInsideTheProtectedSeason() {
        double[] c = DS.zone("farm-mopti-millet").centroidLatLon();
        List<Fact> facts = List.of(
                new Fact.HerdFix(0, Instant.parse("2025-09-10T08:00:00Z"), "h1", c[0], c[1], 120),
                new Fact.HerdFix(1, Instant.parse("2025-09-10T12:00:00Z"), "h1", c[0], c[1], 120),
                new Fact.HerdFix(2, Instant.parse("2025-12-10T12:00:00Z"), "h2", c[0], c[1], 80));
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        assertEquals(1, truth.size(), truth.toString());
        assertEquals(Types.FARMLAND, truth.get(0).type());
        assertTrue(truth.get(0).zones().containsAll(List.of("farm-mopti-millet", "mopti-ville")));
    }

    @Test
    void crowdingSumsDistinctHerdsWithinTheWindow() {
        double[] w = DS.zone("wp-djenne-puits").centroidLatLon();
        List<Fact> facts = List.of(
                new Fact.HerdFix(0, h(0), "a", w[0], w[1], 150),
                new Fact.HerdFix(1, h(1), "a", w[0], w[1], 150),
                new Fact.HerdFix(2, h(2), "b", w[0], w[1], 200),
                new Fact.HerdFix(3, h(20), "c", w[0], w[1], 100),
                new Fact.HerdFix(4, h(21), "b", w[0], w[1], 200),
                new Fact.HerdFix(5, h(22), "d", w[0], w[1], 150));
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        assertEquals(1, truth.size(), truth.toString());
        assertEquals(h(22), truth.get(0).start());
    }

    @Test
    void deviationNeedsAHerdThatWasOnTheCorridor() {
        var corridor = DS.zone("corridor-diafarabe-crossing");
        double[] on = Dataset.along(corridor, 0.5);
        double[] off = Dataset.offset(on[0], on[1], -6, 0);
        Instant dec = Instant.parse("2025-12-08T00:00:00Z");
        List<Fact> facts = List.of(
                new Fact.HerdFix(0, dec, "a", on[0], on[1], 100),
                new Fact.HerdFix(1, dec.plus(Duration.ofHours(1)), "a", off[0], off[1], 100),
                new Fact.HerdFix(2, dec.plus(Duration.ofHours(2)), "a", off[0], off[1], 100),
                new Fact.HerdFix(3, dec.plus(Duration.ofHours(3)), "a", off[0], off[1], 100),
                new Fact.HerdFix(4, dec.plus(Duration.ofHours(1)), "never-on", off[0], off[1], 100),
                new Fact.HerdFix(5, dec.plus(Duration.ofHours(5)), "never-on", off[0], off[1], 100),
                new Fact.HerdFix(6, dec.plus(Duration.ofHours(9)), "never-on", off[0], off[1], 100));
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        assertEquals(1, truth.size(), truth.toString());
        assertEquals(Types.DEVIATION, truth.get(0).type());
        assertEquals(dec.plus(Duration.ofHours(3)), truth.get(0).start(), "2 hours off the corridor");
    }

    @Test
    void earlyPassageAndClash() {
        double[] on = Dataset.along(DS.zone("corridor-diafarabe-crossing"), 0.3);
        List<Fact> facts = List.of(
                new Fact.HerdFix(0, Instant.parse("2025-11-05T08:00:00Z"), "a", on[0], on[1], 100),
                new Fact.HerdFix(1, Instant.parse("2025-11-05T12:00:00Z"), "a", on[0], on[1], 100),
                new Fact.HerdFix(2, Instant.parse("2025-11-20T12:00:00Z"), "b", on[0], on[1], 100),
                new Fact.Report(3, Instant.parse("2025-12-21T00:00:00Z"), ReportType.CLASH, "konna", false),
                new Fact.Report(4, Instant.parse("2025-12-21T00:01:00Z"), ReportType.TENSION, "djenne", true));
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        assertEquals(List.of(Types.PASSAGE, Types.INCIDENT), truth.stream().map(GroundTruthEvent::type).toList());
    }

    @Test
    void heavyRainWithinTheWindow() {
        List<Fact> facts = List.of(
                new Fact.Rain(0, h(0), "niamey", 22),
                new Fact.Rain(1, h(24), "niamey", 22),
                new Fact.Rain(2, h(48), "niamey", 60),
                new Fact.Rain(3, h(48), "segou", 80));
        List<GroundTruthEvent> truth = new Oracle(DS).evaluate(facts);
        assertEquals(1, truth.size(), "segou has no rain rule; 22 + 22 mm a day apart is not 50 mm in 24 h");
        assertEquals(h(48), truth.get(0).start());
    }
}
