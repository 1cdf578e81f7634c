package org.bourtol.rules.engine;

import org.bourtol.contracts.alert.AlertState;
import static org.bourtol.rules.Fixtures.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.rules.TopologyHarness;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A rule's {@code seasons} and {@code enabled} flag through the production topology, as an officer sees
 * them on the alerts topic: out of season a rule is clear, a season may wrap over the new year, a disabled
 * rule never fires, and disabling a firing rule resolves its alert on the next 5 s (wall-clock) tick.
 */
class SeasonsAndEnabledTopologyTest {

    @AutoClose
    private final TopologyHarness h = new TopologyHarness(Duration.ofHours(6));

    private void rule(String id, boolean enabled, String seasons, String... stations) {
        h.rule("{'id':'" + id + "','type':'gauge-level','enabled':" + enabled + ",'zones':['" + String.join("','", stations)
                + "'],'params':{'alertCm':580,'hysteresisCm':20,'holdMinutes':0},'seasons':" + seasons + "}");
    }

    private static Instant at(String date) {
        return Instant.parse(date + "T06:00:00Z");
    }

    private static List<String> seen(List<AlertEvent> events) {
        return events.stream().map(e -> e.type() + " " + e.alert().zone()).toList();
    }

    @Test
    void aRuleOutOfSeasonDoesNotFireAndInSeasonDoes() {
        rule("niamey-flood-season", true, "[{'from':'06-01','to':'09-30'}]", "niamey");
        h.observe(gauge("niamey", 640, at("2020-05-31")));
        assertTrue(h.drain().isEmpty(), "31 May is before the season");
        h.observe(gauge("niamey", 640, at("2020-06-01")));
        List<AlertEvent> events = h.drain();
        assertEquals(List.of("RAISED niamey"), seen(events), "1 June: first day of the season");
        h.observe(gauge("niamey", 640, at("2020-09-30")));
        assertTrue(h.drain().isEmpty(), "still in season, unchanged: no duplicate");
        h.observe(gauge("niamey", 640, at("2020-10-01")));
        List<AlertEvent> after = h.drain();
        assertEquals(List.of("RESOLVED niamey"), seen(after), "out of season the rule is clear, whatever the level");
        assertEquals(events.get(0).alertId(), after.get(0).alertId());
    }

    @Test
    void aSeasonWrappingTheNewYearIsActiveOnBothSidesOfIt() {
        rule("dry-season-levels", true, "[{'from':'11-01','to':'02-28'}]", "gao", "mopti");
        h.observe(gauge("gao", 640, at("2020-10-31")));
        assertTrue(h.drain().isEmpty(), "31 October is before the season");
        h.observe(gauge("gao", 640, at("2020-12-31")));
        h.observe(gauge("mopti", 700, at("2021-01-10")));
        assertEquals(List.of("RAISED gao", "RAISED mopti"), seen(h.drain()), "December and January are both in the season");
        h.observe(gauge("gao", 640, at("2021-03-01")), gauge("mopti", 700, at("2021-03-01")));
        assertEquals(List.of("RESOLVED gao", "RESOLVED mopti"), seen(h.drain()), "1 March is after the season");
    }

    @Test
    void aDisabledRuleNeverFires() {
        rule("niamey-off", false, "[]", "niamey");
        h.observe(gauge("niamey", 640, at("2020-08-02")), gauge("niamey", 700, at("2020-08-03")));
        h.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertTrue(h.drain().isEmpty(), "disabled: no alert at 700 cm, not even on the tick");
        rule("niamey-off", true, "[]", "niamey");
        h.observe(gauge("niamey", 700, at("2020-08-04")));
        assertEquals(List.of("RAISED niamey"), seen(h.drain()), "the same rule enabled fires");
    }

    @Test
    void disablingAFiringRuleResolvesItsAlertOnTheNextTick() {
        rule("niamey-level", true, "[]", "niamey");
        h.observe(gauge("niamey", 640, at("2020-08-02")));
        List<AlertEvent> raised = h.drain();
        assertEquals(List.of("RAISED niamey"), seen(raised));
        rule("niamey-level", false, "[]", "niamey");
        assertTrue(h.drain().isEmpty(), "nothing until the tick");
        h.driver.advanceWallClockTime(Duration.ofSeconds(5));
        List<AlertEvent> resolved = h.drain();
        assertEquals(List.of("RESOLVED niamey"), seen(resolved), "the 5 s tick resolves the disabled rule's alert");
        assertEquals(raised.get(0).alertId(), resolved.get(0).alertId());
        assertEquals(AlertState.RESOLVED, resolved.get(0).alert().state());
        h.observe(gauge("niamey", 700, at("2020-08-03")));
        h.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertTrue(h.drain().isEmpty(), "a disabled rule does not raise it again");
    }
}
