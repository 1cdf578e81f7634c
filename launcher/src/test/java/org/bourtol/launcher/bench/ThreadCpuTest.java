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
