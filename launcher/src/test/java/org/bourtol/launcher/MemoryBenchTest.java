package org.bourtol.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.bourtol.contracts.topic.Json;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bourtol bench --hops memory} at a small scale, so the bench cannot rot: the herds fill the real rules
 * topology's herd-keyed stores, the figures of every day are printed and written to {@code --json}, the herds that fell
 * silent lose their state after {@code --state-expiry}, and the notifier's open set stays the active alerts whatever the
 * number of resolved ones. No time or heap figure is judged (docs/performance.md holds the measured runs).
 */
class MemoryBenchTest {

    @TempDir
    Path dir;

    @Test
    void herdsFillTheStoresSilentOnesExpireAndEveryFigureIsPrinted() throws Exception {
        Path json = dir.resolve("memory.json");
        BourtolCommandTest.Result r = BourtolCommandTest.run("bench", "--hops", "memory", "--herds", "300", "--days", "3", "--silent-share", "0.2", "--silent-after", "PT12H",
                "--state-expiry", "PT12H", "--resolved-alerts", "0,300", "--json", json.toString());
        String text = r.out();
        assertEquals(0, r.code(), text + r.err());
        for (String line : new String[] {"after 1d (simulated", "after 2d (simulated", "after 3d (simulated", "heap after GC", "herd-in-protected-zone-state",
            "herd-inputs", "last sample period: heap after GC", "silent herds: 60", "notifier tick vs resolved alerts", "load average"}) {
            assertTrue(text.contains(line), line + " in\n" + text);
        }

        JsonNode m = Json.MAPPER.readTree(json.toFile()).path("memory");
        assertEquals(3, m.path("samples").size(), m.toString());
        int reporting = 300 - m.path("silentHerds").asInt();
        assertEquals(240, reporting);
        for (JsonNode day : m.path("samples")) {
            assertTrue(day.path("heapAfterGcMb").asDouble() > 0, day.toString());
            assertTrue(day.path("herdKeyedEntries").asLong() > 0, day.toString());
            assertTrue(day.path("observations").asLong() > 0, day.toString());
        }
        // the silent herds' timelines are gone, but for one whose rule is firing (kept until it clears)
        assertEquals(m.path("silentTimelinesFiring").asLong(), m.path("silentTimelinesLeft").asLong(), m.toString());
        JsonNode last = m.path("samples").get(2).path("stores");
        long timelines = 0;
        for (String family : List.of(ProtectedZoneFamily.TYPE, CorridorFamily.TYPE, PassageFamily.TYPE)) {
            timelines += last.path(family + "-state").path("entries").asLong();
        }
        assertEquals(3L * reporting + m.path("silentTimelinesLeft").asLong(), timelines, last.toString());
        long firstDay = m.path("samples").get(0).path("stores").path("corridor-deviation-state").path("entries").asLong();
        assertTrue(firstDay > last.path("corridor-deviation-state").path("entries").asLong(), "the stores shrank once the silent herds expired");

        JsonNode ticks = m.path("notifierTick");
        assertEquals(2, ticks.size(), ticks.toString());
        for (JsonNode t : ticks) {
            assertEquals(5, t.path("openAlerts").asInt(), "only the active alerts stay open: " + t);
            assertTrue(t.path("tickMicros").asDouble() > 0, t.toString());
        }
    }
}
