package org.bourtol.rules.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.outcome.Verdict;
import org.junit.jupiter.api.Test;

/** The text table {@code bourtol backtest} prints, every section filled, against the expected text. */
class BacktestTableTest {

    private static final Instant T = Instant.parse("2025-08-01T06:00:00Z");

    private static BacktestResult result(List<Comparison.Difference> differences) {
        Comparison.Result cmp = new Comparison.Result(differences, List.of(
                new Comparison.SlotSummary("niamey-gauge-level", "niamey", "Niamey", 1, 2, 600, 1440, Map.of()),
                new Comparison.SlotSummary("heavy-rain", "mopti", "Mopti", 0, 1, 0, 90, Map.of())));
        Outcomes outcomes = new Outcomes(new Outcomes.Side(1, 0, 1, 0), new Outcomes.Side(1, 1, 0, 1), List.of(
                new Outcomes.Event("niamey-gauge-level", "niamey", "a-1", Verdict.CONFIRMED, T, "c-1", T.minusSeconds(3600), 60L),
                new Outcomes.Event("heavy-rain", "mopti", "a-2", Verdict.CONFIRMED, T, null, null, null)));
        TruthScore truth = new TruthScore(new TruthScore.Side(1, 1, 0, 30L), new TruthScore.Side(2, 0, 1, null), List.of(
                new TruthScore.Event("flood-1", "flood", "niamey", T, "the river over its banks", "a-1", 30L, "c-1", 10L, 20L),
                new TruthScore.Event("flood-2", "flood", "mopti", T, "a street flooded", null, null, "c-2", 5L, null)));
        List<BacktestResult.SmsLine> sms = List.of(new BacktestResult.SmsLine("r-1", "Awa", 3, 5, 2, T, T.minusSeconds(60), 1),
                new BacktestResult.SmsLine("r-2", "Moussa", 2, 1, -1, T, null, 0));
        return new BacktestResult(T.minusSeconds(86_400 * 30), T, List.of("niamey-gauge-level"), List.of("niamey"), 1200, 3, 250, 4800.0,
                List.of("the observations topic keeps 7 days"), new BacktestResult.Reproduction(true, 4, 4, 0, List.of()), cmp,
                List.of(), List.of(), sms, List.of(), outcomes, truth);
    }

    @Test
    void everySectionAsATable() throws IOException {
        Comparison.Difference earlier = new Comparison.Difference(List.of(Comparison.Kind.EARLIER, Comparison.Kind.SEVERITY_CHANGED),
                "niamey-gauge-level", "niamey", "a-1", "c-1", T, T.minusSeconds(3600), -60L, Severity.Moderate, Severity.Severe);
        Comparison.Difference same = new Comparison.Difference(List.of(Comparison.Kind.UNCHANGED), "heavy-rain", "mopti", "a-2", "c-2",
                T, T, 0L, Severity.Severe, Severity.Severe);
        Comparison.Difference gone = new Comparison.Difference(List.of(Comparison.Kind.GONE), "heavy-rain", "mopti", "a-3", null,
                T, null, null, Severity.Severe, null);
        assertEquals(expected("backtest/table.txt"), BacktestTable.format(result(List.of(earlier, same, gone))));
    }

    @Test
    void withoutChangesTheDifferenceTableIsLeftOut() throws IOException {
        Comparison.Difference same = new Comparison.Difference(List.of(Comparison.Kind.UNCHANGED), "heavy-rain", "mopti", "a-2", "c-2",
                T, T, 0L, Severity.Severe, Severity.Severe);
        assertEquals(expected("backtest/table-unchanged.txt"), BacktestTable.format(result(List.of(same))));
    }

    private static String expected(String resource) throws IOException {
        try (InputStream in = BacktestTableTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", System.lineSeparator());
        }
    }
}
