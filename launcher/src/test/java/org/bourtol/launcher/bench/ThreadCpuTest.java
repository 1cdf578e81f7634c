package org.bourtol.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU time since a mark, over the threads alive then and now. */
class ThreadCpuTest {

    @Test
    void aThreadStartedSinceTheMarkCountsWholeAndOneThatEndedIsNotCounted() {
        Map<Long, Long> threads = new HashMap<>(Map.of(1L, 5_000L, 2L, 7_000L));
        ThreadCpu cpu = new ThreadCpu(() -> Map.copyOf(threads));
        ThreadCpu.Mark mark = cpu.mark();
        threads.put(1L, 9_000L); // +4,000
        threads.remove(2L); // ended
        threads.put(3L, 1_000L); // new

        assertEquals(5_000, mark.nanosSince(), 1e-9);
        assertEquals(2.5, mark.microsPer(2), 1e-9, "5 us over two messages");
        assertTrue(Double.isNaN(mark.microsPer(0)), "no message: no figure");
    }

    @Test
    void aJvmThatDoesNotMeasureGivesNoFigure() {
        assertTrue(Double.isNaN(ThreadCpu.NONE.mark().microsPer(10)));
        assertEquals(Map.of(), ThreadCpu.NONE.mark().microsPerByThread(10));
    }

    @Test
    void theSplitByThreadAddsThePoolsThreadsUpTheBusiestFirst() {
        Map<Long, Long> threads = new HashMap<>(Map.of(1L, 0L, 2L, 0L, 3L, 0L, 4L, 0L));
        Map<Long, String> names = Map.of(1L, "data-plane-kafka-request-handler-0", 2L, "data-plane-kafka-request-handler-7",
                3L, "bourtol-rules-9aa978e7-0fc4-450d-9ba4-b3bace74acfd-StreamThread-1", 4L, "idle");
        ThreadCpu cpu = new ThreadCpu(() -> Map.copyOf(threads), names::get);
        ThreadCpu.Mark mark = cpu.mark();
        threads.put(1L, 3_000L);
        threads.put(2L, 5_000L);
        threads.put(3L, 10_000L);

        Map<String, Double> split = mark.microsPerByThread(2);
        assertEquals(java.util.List.of("bourtol-rules-StreamThread", "data-plane-kafka-request-handler"), java.util.List.copyOf(split.keySet()),
                "the busiest first; a thread that did nothing left out");
        assertEquals(5.0, split.get("bourtol-rules-StreamThread"), 1e-9);
        assertEquals(4.0, split.get("data-plane-kafka-request-handler"), 1e-9, "the pool's two threads, 8 us over two messages");
        assertEquals(mark.microsPer(2), split.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9, "the split adds up");
        assertEquals(Map.of(), mark.microsPerByThread(0), "no message: no figure");
    }

    @Test
    void theKernelsAccountAddsEveryThreadsTimeOnACoreAndWaitingForOne() {
        Map<Long, long[]> tasks = new HashMap<>(Map.of(10L, new long[] {100, 50}, 11L, new long[] {7, 7}));
        ThreadCpu cpu = new ThreadCpu(() -> Map.of(1L, 0L), id -> "t", () -> Map.copyOf(tasks));
        ThreadCpu.Mark mark = cpu.mark();
        tasks.put(10L, new long[] {1_100, 1_050});
        tasks.remove(11L); // ended
        tasks.put(12L, new long[] {500, 100}); // started since: counts whole

        ThreadCpu.Kernel k = mark.kernelPer(2);
        assertEquals(0.75, k.runMicros(), 1e-9, "1,500 ns on a core over two messages");
        assertEquals(0.55, k.waitMicros(), 1e-9, "1,100 ns waiting for a core over two messages");
        assertTrue(!mark.kernelPer(0).measured(), "no message: no figure");
        assertTrue(!new ThreadCpu(() -> Map.of(1L, 0L)).mark().kernelPer(5).measured(), "no kernel account: no figure");
    }

    @Test
    void theKernelsSchedulerStatisticsAreReadPerTask(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("101"));
        java.nio.file.Files.writeString(dir.resolve("101/schedstat"), "2500 400 12\n");
        java.nio.file.Files.createDirectories(dir.resolve("102")); // ended before its statistics were read
        Map<Long, long[]> read = ThreadCpu.schedstat(dir);

        assertEquals(java.util.Set.of(101L), read.keySet());
        assertEquals(java.util.List.of(2500L, 400L), java.util.Arrays.stream(read.get(101L)).boxed().toList());
        assertEquals(Map.of(), ThreadCpu.schedstat(dir.resolve("none")), "no such folder (not Linux): nothing");
    }

    @Test
    void onLinuxThisProcessesThreadsAreAccountedByTheKernel() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task")), "Linux only");
        ThreadCpu.Mark mark = ThreadCpu.ofThisJvm().mark();
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Long.numberOfTrailingZeros(i ^ sum);
        }
        assertTrue(mark.kernelPer(1).runMicros() > 0, "this thread ran (" + sum + ")");
    }

    @Test
    void aThreadsGroupIsItsNameWithoutIdsAndNumbers() {
        assertEquals("kafka-producer-network-thread | bourtol-bench-passthrough-StreamThread-producer",
                ThreadCpu.group("kafka-producer-network-thread | bourtol-bench-passthrough-e1f75543-ddd7-44ad-b8a2-7b9542ad9c51-StreamThread-1-producer"));
        assertEquals("data-plane-kafka-network-thread-PLAINTEXT-PLAINTEXT", ThreadCpu.group("data-plane-kafka-network-thread-1-PLAINTEXT-PLAINTEXT-2"));
        assertEquals("kafka-raft-io-thread", ThreadCpu.group("kafka-1-raft-io-thread"));
        assertEquals("vert.x-eventloop-thread", ThreadCpu.group("vert.x-eventloop-thread-0"));
        assertEquals("main", ThreadCpu.group("main"));
        assertEquals("follow-bourtol.alerts.v1", ThreadCpu.group("follow-bourtol.alerts.v1"), "a topic's version is not a thread number");
    }

    @Test
    void thisJvmsThreadsAreMeasured() {
        ThreadCpu.Mark mark = ThreadCpu.ofThisJvm().mark();
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Long.numberOfTrailingZeros(i ^ sum);
        }
        assertTrue(mark.nanosSince() > 0, "this thread worked (" + sum + ")");
    }
}
