package org.bourtol.launcher.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrashWindowTest {

    private static final Instant KILL = Instant.parse("2026-12-05T16:28:25.929Z");

    @Test
    void onlyAReadingAcknowledgedJustBeforeAKillCountsAgainstIt() {
        Map<String, Instant> acked = Map.of(
                "ansongo@16:28:25.434", KILL.minusMillis(495), // the loss of 5 December
                "gao@early", KILL.minusSeconds(3), // too early: a real loss
                "mopti@after", KILL.plusMillis(10), // acknowledged by the next incarnation
                "kidal@never", KILL); // not lost: not asked about
        Map<Instant, List<String>> byKill = CrashWindow.lostAtKills(Set.of("ansongo@16:28:25.434", "gao@early", "mopti@after", "niafunke@unacked"),
                acked::get, List.of(KILL, KILL.plusSeconds(60)));
        assertEquals(Map.of(KILL, List.of("ansongo@16:28:25.434")), byKill);
    }

    @Test
    void withoutKillsNothingIsExcused() {
        assertEquals(Map.of(), CrashWindow.lostAtKills(Set.of("a@1"), r -> KILL, List.of()));
    }
}
