package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.bourtol.simulator.scenario.GroundTruthEvent.Types;
import org.junit.jupiter.api.Test;

/** Herds that pass a corridor after the end of its passage dates: the "late" side of early-late-passage. */
class LatePassageTest {

    private static final Dataset DS = Dataset.sahel();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private static Timeline season(int early, int late) {
        return ScenarioModel.generate(ScenarioSpec.parse("""
                seed: 42
                year: 2025
                herds: {earlyPassages: %d, latePassages: %d}
                """.formatted(early, late)), DS, TODAY);
    }

    @Test
    void aLatePassageIsGroundTruthAtTheLateLevel() {
        Timeline t = season(0, 1);
        List<GroundTruthEvent> passages = t.truth().stream().filter(e -> e.type().equals(Types.PASSAGE)).toList();
        assertEquals(1, passages.size(), passages.toString());
        GroundTruthEvent e = passages.get(0);
        assertEquals("late", e.level());
        assertTrue(e.zones().contains("corridor-konna-mopti"), e.zones().toString());
        assertTrue(e.start().isAfter(Instant.parse("2025-07-21T00:00:00Z")), e.start().toString());
    }

    @Test
    void theLateHerdNeitherDeviatesNorEntersFarmland() {
        Timeline with = season(0, 1);
        Timeline without = season(0, 0);
        assertEquals(without.truth().stream().filter(e -> !e.type().equals(Types.PASSAGE)).map(GroundTruthEvent::type).sorted().toList()
                .stream().filter(x -> x.equals(Types.DEVIATION) || x.equals(Types.FARMLAND)).count(),
                with.truth().stream().map(GroundTruthEvent::type).filter(x -> x.equals(Types.DEVIATION) || x.equals(Types.FARMLAND)).count());
    }

    @Test
    void theRuleAndTheOracleNameTheNearerDate() {
        MonthDay from = MonthDay.of(12, 1);
        MonthDay to = MonthDay.of(4, 30);
        assertEquals("late", Oracle.passageLevel(Instant.parse("2025-07-25T06:00:00Z"), from, to));
        assertEquals("early", Oracle.passageLevel(Instant.parse("2025-10-01T06:00:00Z"), from, to));
        assertEquals("early", Oracle.passageLevel(Instant.parse("2025-11-05T06:00:00Z"), MonthDay.of(11, 15), MonthDay.of(12, 31)));
    }
}
