package org.bourtol.rules.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.outcome.Verdict;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    private static final Instant T = Instant.parse("2025-08-01T06:00:00Z");

    private static Comparison.Difference diff(String current, String candidate, Long shift) {
        List<Comparison.Kind> kinds = current == null ? List.of(Comparison.Kind.NEW) : candidate == null ? List.of(Comparison.Kind.GONE)
                : shift == 0 ? List.of(Comparison.Kind.UNCHANGED) : List.of(shift < 0 ? Comparison.Kind.EARLIER : Comparison.Kind.LATER);
        return new Comparison.Difference(kinds, "niamey-gauge-level", "niamey", current, candidate, current == null ? null : T,
                candidate == null ? null : T.plusSeconds(60 * (shift == null ? 0 : shift)), shift, null, null);
    }

    @Test
    void confirmedAlertsAreHitsOrMissesFalseAlarmsStayOrAreAvoidedNewOnesAreUnjudged() {
        Comparison.Result cmp = new Comparison.Result(List.of(
                diff("a-earlier", "c-1", -1440L), // confirmed, candidate a day earlier
                diff("a-gone", null, null), // confirmed, candidate misses it
                diff("a-false", "c-2", 0L), // false alarm kept
                diff("a-false-gone", null, null), // false alarm avoided
                diff("a-unjudged", "c-3", 0L),
                diff(null, "c-new", null)), List.of());
        Outcomes o = Outcomes.of(cmp, Map.of("a-earlier", Verdict.CONFIRMED, "a-gone", Verdict.CONFIRMED,
                "a-false", Verdict.FALSE_ALARM, "a-false-gone", Verdict.FALSE_ALARM, "a-unjudged", Verdict.UNKNOWN));
        assertEquals(new Outcomes.Side(2, 0, 2, 1), o.current());
        assertEquals(new Outcomes.Side(1, 1, 1, 2), o.candidate());
        assertEquals(4, o.events().size());
        Outcomes.Event earlier = o.events().get(0);
        assertEquals("a-earlier", earlier.alertId());
        assertEquals(1440L, earlier.leadGainMinutes(), "a day of lead time gained");
        assertEquals(null, o.events().get(1).leadGainMinutes(), "gone: no lead time");
    }

    @Test
    void withoutVerdictsEverythingIsUnjudged() {
        Outcomes o = Outcomes.of(new Comparison.Result(List.of(diff("a", "c", 0L), diff(null, "n", null)), List.of()), Map.of());
        assertEquals(new Outcomes.Side(0, 0, 0, 1), o.current());
        assertEquals(new Outcomes.Side(0, 0, 0, 2), o.candidate());
        assertEquals(List.of(), o.events());
    }
}
