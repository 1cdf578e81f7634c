package org.bourtol.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
        Hop hop = Hop.measure("test hop", 200, 1, List.of(baseline, measured), List.of("a note"), jit(new long[] {0}, 0), ThreadCpu.NONE);

        assertEquals(List.of("baseline 50 @0", "measured 50 @0", "baseline 200 @0", "measured 200 @0", "baseline 200 @200",
                "measured 200 @200"), calls);
        assertEquals(0.4, hop.throughputRatio(1), 1e-9, "warm figures only: 400 / 1000, not the cold first runs'");
        assertEquals(2, hop.rows().size());
        assertTrue(hop.notes().contains("every path first ran 50 messages at saturation 1 time, not measured (warm-up; the JIT compiled"
                + " for 0 % of the last round)"), hop.notes().toString());
        assertEquals(1, Hop.warmUp(3), "at least one message");
    }

    @Test
    void saturationRoundsTakeTurnsWithTheBaselineAndTheRatioIsTheMedianOfTheRoundsRatios() throws Exception {
        List<String> calls = new ArrayList<>();
        // the machine slows down in the second round and recovers in the third; the measured path has a bad third round
        // (the warm-up run, one message, and the paced runs are not rounds)
        double[] machine = {1, 0.5, 1};
        double[] baseline = {1000, 1000, 1000};
        double[] measured = {700, 700, 300};
        int[] round = {0, 0};
        Hop.Path b = (n, rate) -> {
            calls.add("baseline " + n + " @" + Math.round(rate));
            double v = rate > 0 || n == 1 ? 100 : baseline[round[0]] * machine[round[0]++];
            return new Figures("baseline", rate, n, n, v, 1, 2, 3);
        };
        Hop.Path m = (n, rate) -> {
            calls.add("measured " + n + " @" + Math.round(rate));
            double v = rate > 0 || n == 1 ? 100 : measured[round[1]] * machine[round[1]++];
            return new Figures("measured", rate, n, n, v, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 4, 3, List.of(b, m), List.of(), new Jit(() -> -1, System::currentTimeMillis, Duration.ofMinutes(1)), ThreadCpu.NONE);

        assertEquals(List.of("baseline 1 @0", "measured 1 @0", "baseline 4 @0", "measured 4 @0", "baseline 4 @0", "measured 4 @0",
                "baseline 4 @0", "measured 4 @0", "baseline 4 @175", "measured 4 @175"), calls,
                "warm-up, then the two paths in turn three times, then paced at half the slower path's median (350)");
        assertArrayEquals(new double[] {0.7, 0.7, 0.3}, hop.roundRatios(1), 1e-9, "each round against the baseline's run of the same round");
        assertEquals(0.7, hop.throughputRatio(1), 1e-9, "the median round's ratio");
        assertEquals(350, hop.rows().get(1).saturation().perSecond(), 1e-9, "the path's figures are its median round's");
        assertEquals(3, hop.rows().get(1).rounds().size());
        assertTrue(hop.table().contains("throughput 0.70x (median of rounds 0.70x / 0.70x / 0.30x)"), hop.table());
        assertEquals(0.5, Hop.median(new double[] {0.7, 0.3}), 1e-9, "of two, their mean");
    }

    @Test
    void theWarmUpGoesOnInRoundsWhileTheJitCompilesForATenthOfARoundOrMore() throws Exception {
        List<String> calls = new ArrayList<>();
        long[] clock = {0};
        // each path run takes 1 s; the JIT compiles 500, 300, then 50 ms per run
        long[] compiled = {0};
        long[] perRun = {500, 500, 300, 300, 50, 50};
        int[] run = {0};
        Hop.Path path = (n, rate) -> {
            calls.add(n + " @" + Math.round(rate));
            clock[0] += 1000;
            compiled[0] += run[0] < perRun.length ? perRun[run[0]] : 0;
            run[0]++;
            return new Figures("p", rate, n, n, rate > 0 ? rate : 100, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 40, 1, List.of(path, path), List.of(), new Jit(() -> compiled[0], () -> clock[0], Duration.ofMinutes(1)), ThreadCpu.NONE);

        assertEquals(List.of("10 @0", "10 @0", "10 @0", "10 @0", "10 @0", "10 @0", "40 @0", "40 @0", "40 @50", "40 @50"), calls,
                "three warm-up rounds (50 %, 30 %, then 5 % of the round compiling), then the measured runs");
        assertTrue(hop.notes().get(0).contains("3 times") && hop.notes().get(0).contains("5 % of the last round)"), hop.notes().toString());
    }

    @Test
    void aJitThatNeverSettlesStopsTheWarmUpOnceItsTimeIsUpAndTheNoteSaysSo() throws Exception {
        long[] clock = {0};
        int[] runs = {0};
        Hop.Path path = (n, rate) -> {
            clock[0] += 1000;
            runs[0]++;
            return new Figures("p", rate, n, n, rate > 0 ? rate : 100, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 40, 1, List.of(path), List.of(), new Jit(() -> clock[0] / 2, () -> clock[0], Duration.ofSeconds(3)), ThreadCpu.NONE);

        assertEquals(3 + 2 + 1, runs[0], "rounds start at 0, 1 and 2 s; then two saturation rounds (the first disturbed), the paced run");
        assertTrue(hop.notes().get(0).contains("not settled: the figures include compilation"), hop.notes().toString());
        assertTrue(hop.notes().get(1).contains("in every round; all 2 rounds count"), hop.notes().toString());
        assertEquals(2, hop.rows().get(0).rounds().size());
    }

    @Test
    void aSaturationRoundInWhichTheJitCompiledIsRunAgainAndNotCounted() throws Exception {
        long[] clock = {0};
        long[] compiled = {0};
        List<String> calls = new ArrayList<>();
        // every run takes 1 s; the JIT compiles for 300 ms during the measured path's second saturation run
        int[] measuredRuns = {0};
        double[] measuredSpeed = {700, 200, 650, 600};
        Hop.Path b = (n, rate) -> {
            calls.add("baseline " + n);
            clock[0] += 1000;
            return new Figures("baseline", rate, n, n, rate > 0 ? rate : 1000, 1, 2, 3);
        };
        Hop.Path m = (n, rate) -> {
            calls.add("measured " + n);
            clock[0] += 1000;
            if (n == 40 && rate == 0 && measuredRuns[0]++ == 1) {
                compiled[0] += 300;
            }
            return new Figures("measured", rate, n, n, rate > 0 ? rate : n == 40 ? measuredSpeed[measuredRuns[0] - 1] : 100, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 40, 3, List.of(b, m), List.of(), new Jit(() -> compiled[0], () -> clock[0], Duration.ofMinutes(1)), ThreadCpu.NONE);

        assertEquals(List.of("baseline 10", "measured 10", "baseline 40", "measured 40", "baseline 40", "measured 40", "baseline 40",
                "measured 40", "baseline 40", "measured 40", "baseline 40", "measured 40"), calls, "four saturation rounds for three counted");
        assertArrayEquals(new double[] {0.7, 0.65, 0.6}, hop.roundRatios(1), 1e-9, "the disturbed round (0.2) is not among them");
        assertEquals(0.65, hop.throughputRatio(1), 1e-9);
        assertEquals(1, hop.rows().get(1).disturbed().size());
        assertEquals(200, hop.rows().get(1).disturbed().get(0).perSecond(), 1e-9);
        assertTrue(hop.notes().contains("saturation: 1 round run again, not counted: the JIT compiled for 30 % of a run in it (counted"
                + " rounds: less than 10 % in each run)"), hop.notes().toString());
        assertEquals(1, ((List<?>) ((java.util.Map<?, ?>) ((List<?>) hop.json().get("paths")).get(1)).get("roundsNotCounted")).size());
    }

    @Test
    void aJvmThatDoesNotMeasureItsJitWarmsUpOnce() throws Exception {
        int[] runs = {0};
        Hop.Path path = (n, rate) -> {
            runs[0]++;
            return new Figures("p", rate, n, n, rate > 0 ? rate : 100, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 40, 1, List.of(path), List.of(), new Jit(() -> -1, System::currentTimeMillis, Duration.ofMinutes(1)), ThreadCpu.NONE);

        assertEquals(3, runs[0]);
        assertTrue(hop.notes().get(0).contains("does not measure"), hop.notes().toString());
        assertEquals(1.0, Jit.share(10, 0), "a round too short to time is not settled");
    }

    @Test
    void eachSaturationRunHasItsCpuPerMessageAndTheRatioIsTheMedianOfTheRoundsRatios() throws Exception {
        // two threads: the baseline's run costs 100 us of CPU per message, the measured path's 250, 250, then 400 us
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>(java.util.Map.of(1L, 0L, 2L, 0L));
        double[] measuredMicros = {250, 250, 400};
        int[] measuredRuns = {0};
        Hop.Path b = (n, rate) -> {
            cpu.merge(1L, 60_000L * n, Long::sum);
            cpu.merge(2L, 40_000L * n, Long::sum);
            return new Figures("baseline", rate, n, n, rate > 0 ? rate : 1000, 1, 2, 3);
        };
        Hop.Path m = (n, rate) -> {
            double micros = n == 40 && rate == 0 ? measuredMicros[measuredRuns[0]++] : 250;
            cpu.merge(1L, (long) (1000 * micros) * n, Long::sum);
            return new Figures("measured", rate, n, n, rate > 0 ? rate : 400, 1, 2, 3);
        };
        Hop hop = Hop.measure("test hop", 40, 3, List.of(b, m), List.of(), new Jit(() -> -1, System::currentTimeMillis, Duration.ofMinutes(1)),
                new ThreadCpu(() -> java.util.Map.copyOf(cpu), id -> id == 1 ? "worker-1" : "broker-1",
                        () -> java.util.Map.of(7L, new long[] {cpu.get(1L) + cpu.get(2L), 2 * (cpu.get(1L) + cpu.get(2L))})));

        assertEquals(100, hop.rows().get(0).saturation().cpuMicros(), 1e-9, "both threads' CPU over the messages");
        assertArrayEquals(new double[] {2.5, 2.5, 4.0}, hop.roundCpuRatios(1), 1e-9);
        assertEquals(2.5, hop.cpuRatio(1), 1e-9);
        assertTrue(hop.table().contains("CPU per message 2.50x (median of rounds 2.50x / 2.50x / 4.00x)"), hop.table());
        assertTrue(hop.table().contains("cpu us/msg"), hop.table());
        assertEquals(0.1 / Runtime.getRuntime().availableProcessors(), hop.rows().get(0).saturation().busy(), 1e-9,
                "1,000 messages a second at 100 us each: a tenth of one core");
        assertTrue(hop.notes().stream().anyMatch(n -> n.startsWith("CPU per message: CPU time of this process's Java threads")), hop.notes().toString());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> measured = (java.util.Map<String, Object>) ((List<?>) hop.json().get("paths")).get(1);
        assertEquals(2.5, measured.get("cpuRatio"));
        assertEquals(List.of(2.5, 2.5, 4.0), measured.get("roundCpuRatios"));

        // split by thread: in the JSON always, printed when asked for
        assertEquals(java.util.Map.of("worker", 60.0, "broker", 40.0), hop.rows().get(0).saturation().cpuByThread());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> base = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) ((List<?>) hop.json().get("paths")).get(0))
                .get("saturation");
        assertEquals(java.util.Map.of("worker", 60.0, "broker", 40.0), base.get("cpuMicrosByThread"));
        assertTrue(!hop.table().contains("by thread"), hop.table());
        assertTrue(hop.table(1).contains("  CPU per message by thread, us (median saturation run):\n    baseline: worker 60.0, others 40.0;"
                + " all threads, JIT and GC too (kernel): on a core 100.0, waiting for one 200.0\n    measured: worker 250.0;"), hop.table(1));
        assertEquals(100.0, base.get("kernelRunMicrosPerMessage"), "the kernel's account of the run, in the JSON");
        assertEquals(200.0, base.get("kernelWaitMicrosPerMessage"));
    }

    @Test
    void withoutCpuTimesTheTableAndTheJsonSayNothingOfCpu() throws Exception {
        Hop.Path p = (n, rate) -> new Figures("p", rate, n, n, rate > 0 ? rate : 100, 1, 2, 3);
        Hop hop = Hop.measure("test hop", 40, 1, List.of(p, p), List.of(), new Jit(() -> -1, System::currentTimeMillis, Duration.ofMinutes(1)),
                ThreadCpu.NONE);

        assertTrue(Double.isNaN(hop.cpuRatio(1)));
        assertTrue(!hop.table().contains("CPU") && !hop.table().contains("cpu"), hop.table());
        assertTrue(!hop.json().toString().contains("cpu"), hop.json().toString());
    }

    /** A JIT that never compiles, on a clock that advances {@code step} ms per reading. */
    private static Jit jit(long[] clock, long step) {
        return new Jit(() -> 0, () -> clock[0] += step + 1, Duration.ofMinutes(1));
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
