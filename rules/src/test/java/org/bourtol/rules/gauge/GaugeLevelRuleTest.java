package org.bourtol.rules.gauge;

import static org.bourtol.rules.Fixtures.day;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.rules.Fixtures;
import org.bourtol.rules.engine.RuleProblems;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaugeLevelRuleTest {

    private static final GaugeLevelFamily FAMILY = new GaugeLevelFamily();
    private static final GaugeLevelRule.Params NIAMEY = FAMILY.parse(Fixtures.rule(
            "{'id':'niamey-gauge-level','type':'gauge-level','enabled':true,'zones':['niamey'],"
                    + "'params':{'warningCm':530,'alertCm':580,'dangerCm':620,'hysteresisCm':20,'holdMinutes':720}}"));

    private record Row(Instant at, int cm, String expected) {
    }

    /** Niamey 2020 (FACTS.md): 530 on 2 Aug, 580 and 620 crossed by 12 Aug, 640 on 16 Aug, 659 on 23 Aug, 663 on 24 Aug; then a noisy descent. */
    private static final List<Row> NIAMEY_2020 = List.of(
            new Row(day(7, 30, 6), 512, "clear"),
            new Row(day(8, 2, 6), 530, "warning"),
            new Row(day(8, 6, 6), 566, "warning"),
            new Row(day(8, 9, 6), 583, "alert"),
            new Row(day(8, 11, 6), 611, "alert"),
            new Row(day(8, 12, 6), 622, "danger"),
            new Row(day(8, 16, 6), 640, "danger"),
            new Row(day(8, 23, 6), 659, "danger"),
            new Row(day(8, 24, 16), 663, "danger"),
            new Row(day(8, 28, 6), 641, "danger"),
            new Row(day(9, 1, 6), 618, "danger"), // below 620 but inside the 20 cm band
            new Row(day(9, 2, 6), 599, "danger"), // below the band: hold starts
            new Row(day(9, 2, 12), 603, "danger"), // back inside the band: hold restarts
            new Row(day(9, 2, 18), 597, "danger"), // below again: hold starts anew
            new Row(day(9, 3, 0), 601, "danger"), // noise: inside the band, no flapping
            new Row(day(9, 3, 6), 596, "danger"),
            new Row(day(9, 3, 12), 594, "danger"),
            new Row(day(9, 3, 18), 591, "alert"), // 12 h below 600: down to orange (591 > 560)
            new Row(day(9, 5, 6), 575, "alert"),
            new Row(day(9, 8, 6), 556, "alert"), // hold starts below 560
            new Row(day(9, 8, 20), 552, "warning"), // 14 h later
            new Row(day(9, 12, 6), 520, "warning"), // inside 530 band
            new Row(day(9, 14, 6), 505, "warning"),
            new Row(day(9, 15, 6), 500, "clear"));

    @Test
    @DisplayName("Niamey 2020: every level fires on the way up and the noisy descent steps down only after the hold")
    void niamey2020() {
        GaugeLevelRule.State state = GaugeLevelRule.State.INITIAL;
        List<String> seen = new ArrayList<>();
        for (Row row : NIAMEY_2020) {
            Step<GaugeLevelRule.State> step = GaugeLevelRule.step(state, gauge("niamey", row.cm(), row.at()), NIAMEY, row.at());
            state = step.state();
            String got = step.verdict() instanceof Verdict.Fire f ? f.level() : "clear";
            assertEquals(row.expected(), got, "at " + row.at() + " with " + row.cm() + " cm");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(got)) {
                seen.add(got);
            }
        }
        assertEquals(List.of("clear", "warning", "alert", "danger", "alert", "warning", "clear"), seen, "no flapping");
    }

    @Test
    void fireCarriesMeasureThresholdAndEvidence() {
        Step<GaugeLevelRule.State> s = GaugeLevelRule.step(GaugeLevelRule.State.INITIAL,
                gauge("niamey", 640, day(8, 16, 6)), NIAMEY, day(8, 16, 6));
        Verdict.Fire f = (Verdict.Fire) s.verdict();
        assertEquals("640 cm", f.measure());
        assertEquals("620 cm", f.threshold());
        assertEquals(1, f.evidence().size());
        assertEquals("Niger a Niamey: 640 cm, seuil rouge 620 cm depasse",
                Headlines.gauge(null, "Niamey", f).get("fr").replace("Fleuve", "Niger"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'warningCm':600,'alertCm':580                 | alert level (580) must be above warning level (600)",
        "'warningCm':530,'alertCm':580,'dangerCm':580  | danger level (580) must be above alert level (580)",
        "'alertCm':650,'hysterisisCm':10               | unknown parameter 'hysterisisCm' (known: warningCm, alertCm, dangerCm, hysteresisCm, holdMinutes)",
        "'alertCm':'high'                              | parameter 'alertCm' must be a number",
        "'alertCm':650,'holdMinutes':-5                | parameter 'holdMinutes' (-5) must be between 0 and 43200",
    })
    void refusesBadParametersWithReadableReasons(String params, String reason) {
        RuleProblems p = assertThrows(RuleProblems.class, () -> FAMILY.parse(Fixtures.rule(
                "{'id':'r','type':'gauge-level','enabled':true,'zones':['niamey'],'params':{" + params + "}}")));
        assertTrue(p.problems().stream().anyMatch(x -> x.startsWith(reason)), p.problems() + " should contain " + reason);
    }
}
