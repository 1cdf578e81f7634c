package org.bourtol.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bourtol.contracts.observation.HerdPosition;
import org.junit.jupiter.api.Test;

/** The memory bench's herds: one position per herd and round, spread over the interval, the silent share stops on time. */
class HerdFleetTest {

    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    @Test
    void everyHerdReportsOncePerRoundSpreadOverTheIntervalInsideTheArea() {
        HerdFleet fleet = new HerdFleet(100, INTERVAL, 0, null, 1);
        List<HerdPosition> round = fleet.round(0, T0);
        assertEquals(100, round.size());
        assertEquals(100, round.stream().map(HerdPosition::herdId).distinct().count());
        assertEquals(T0, round.get(0).observedAt());
        assertTrue(round.get(99).observedAt().isBefore(T0.plus(INTERVAL)), "the last report of a round is inside it");
        for (int i = 1; i < round.size(); i++) {
            assertTrue(round.get(i).observedAt().isAfter(round.get(i - 1).observedAt()), "event time advances within a round");
        }
        for (HerdPosition h : round) {
            assertTrue(h.lat() >= HerdFleet.SOUTH && h.lat() <= HerdFleet.NORTH && h.lon() >= HerdFleet.WEST && h.lon() <= HerdFleet.EAST, h.toString());
        }
        assertEquals(100, round.stream().map(HerdPosition::id).distinct().count(), "observation ids are unique");
    }

    @Test
    void aHerdWalksAtMostAboutAKilometreBetweenTwoReports() {
        HerdFleet fleet = new HerdFleet(50, INTERVAL, 0, null, 2);
        List<HerdPosition> first = fleet.round(0, T0);
        List<HerdPosition> second = fleet.round(1, T0.plus(INTERVAL));
        for (int i = 0; i < 50; i++) {
            assertTrue(Math.abs(first.get(i).lat() - second.get(i).lat()) <= 0.01 + 1e-12);
            assertTrue(Math.abs(first.get(i).lon() - second.get(i).lon()) <= 0.01 + 1e-12);
            assertFalse(first.get(i).id().equals(second.get(i).id()));
        }
    }

    @Test
    void theSilentShareStopsReportingFromItsInstantAndTheOthersGoOn() {
        Instant silentFrom = T0.plus(Duration.ofHours(1));
        HerdFleet fleet = new HerdFleet(1000, INTERVAL, 0.2, silentFrom, 3);
        assertEquals(200, fleet.silentCount());
        assertEquals(1000, fleet.round(0, T0).size(), "before the instant everyone reports");
        List<HerdPosition> after = fleet.round(4, silentFrom);
        assertEquals(800, after.size());
        Set<String> reporting = after.stream().map(HerdPosition::herdId).collect(Collectors.toSet());
        for (int i = 0; i < 1000; i++) {
            assertEquals(!fleet.silent(i), reporting.contains(HerdFleet.herdId(i)), "herd " + i);
        }
        assertEquals(1000, new HerdFleet(1000, INTERVAL, 1.0, silentFrom, 3).silentCount());
        assertEquals(0, new HerdFleet(1000, INTERVAL, 0, silentFrom, 3).silentCount());
    }

    @Test
    void theSameSeedGivesTheSamePositions() {
        assertEquals(new HerdFleet(10, INTERVAL, 0, null, 7).round(0, T0), new HerdFleet(10, INTERVAL, 0, null, 7).round(0, T0));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HerdFleet(0, INTERVAL, 0, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new HerdFleet(10, Duration.ZERO, 0, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new HerdFleet(10, INTERVAL, 1.5, null, 1));
    }
}
