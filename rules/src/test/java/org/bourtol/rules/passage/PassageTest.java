package org.bourtol.rules.passage;

import static org.bourtol.rules.Fixtures.herd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassageTest {

    @ParameterizedTest
    @CsvSource({"2020-11-01, 0, early", "2020-11-10, 5, clear", "2020-11-15, 0, clear", "2020-12-31, 0, clear",
        "2021-01-10, 0, late", "2021-01-10, 10, clear", "2021-05-10, 0, late", "2021-09-10, 0, early"})
    void passageDates(String date, int tolerance, String expected) {
        Instant t = Instant.parse(date + "T10:00:00Z");
        Step<PassageRule.State> s = PassageRule.step(PassageRule.State.INITIAL,
                new PassageRule.Input(herd("h1", 14.16, -5.01, 100, t), "c", "11-15", "12-31"), new PassageRule.Params(tolerance), t);
        assertEquals(expected, s.verdict() instanceof Verdict.Fire f ? f.level() : "clear");
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(1),
                "{'id':'passage-dates','type':'early-late-passage','enabled':true,"
                        + "'zones':['corridor-diafarabe-crossing'],'params':{'toleranceDays':%s}}");

        @Test
        void earlyPassageWithLateDataCorruptRecordAndRuleChange() {
            h.publish(0);
            h.corrupt();
            Instant t = Instant.parse("2020-11-10T10:00:00Z");
            h.observe(herd("h1", 14.16, -4.90, 100, t.plusSeconds(600)));
            h.observe(herd("h1", 14.16, -5.01, 100, t));
            List<AlertEvent> events = h.drain();
            assertEquals(List.of(AlertEventType.RAISED, AlertEventType.RESOLVED), events.stream().map(AlertEvent::type).toList(),
                    "the late on-corridor report is replayed before the later off-corridor one");
            assertTrue(events.get(0).alert().headline().get("fr").startsWith("Passage precoce"), events.get(0).alert().headline().toString());
            h.publish(10);
            h.observe(herd("h2", 14.16, -5.01, 100, t.plusSeconds(900)));
            assertTrue(h.drain().isEmpty(), "within the widened dates");
        }
    }
}
