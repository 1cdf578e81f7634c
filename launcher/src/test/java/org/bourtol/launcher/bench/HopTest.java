package org.bourtol.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of a hop's runs: every path warmed up first with a quarter of the messages and not reported, then every
 * path at saturation, then every path paced at half the slowest saturation throughput; the ratios use the measured
 * runs only.
 */
class HopTest {

    @Test
    void everyPathIsWarmedUpUnmeasuredThenRunAtSaturationThenPacedAtHalfTheSlowest() throws Exception {
        List<String> calls = new ArrayList<>();
        // the first run of a path is slow (cold), later ones at the path's own speed
        Hop.Path baseline = path("baseline", 1000, calls);
        Hop.Path measured = path("measured", 400, calls);
        Hop hop = Hop.measure("test hop", 200, List.of(baseline, measured), List.of("a note"));

        assertEquals(List.of("baseline 50 @0", "measured 50 @0", "baseline 200 @0", "measured 200 @0", "baseline 200 @200",
                "measured 200 @200"), calls);
        assertEquals(0.4, hop.throughputRatio(1), 1e-9, "warm figures only: 400 / 1000, not the cold first runs'");
        assertEquals(2, hop.rows().size());
        assertTrue(hop.notes().contains("every path first ran 50 messages at saturation, not measured (warm-up)"), hop.notes().toString());
        assertEquals(1, Hop.warmUp(3), "at least one message");
    }

    /** A path whose first run goes at a tenth of {@code perSecond}, as cold code does. */
    private static Hop.Path path(String name, double perSecond, List<String> calls) {
        int[] runs = {0};
        return (n, rate) -> {
            calls.add(name + " " + n + " @" + Math.round(rate));
            double speed = runs[0]++ == 0 ? perSecond / 10 : perSecond;
            return new Figures(name, rate, n, n, rate > 0 ? rate : speed, 1, 2, 3);
        };
    }
}
