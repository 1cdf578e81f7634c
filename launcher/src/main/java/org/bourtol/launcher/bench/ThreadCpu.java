package org.bourtol.launcher.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CPU time of this JVM's Java threads, for the bench's CPU per message: with the embedded Bourtol that is the whole
 * pipeline (its brokers, ingest, the rules, the notifier) and the bench's own clients, without the JIT compiler's and
 * the garbage collector's threads (not Java threads: {@link java.lang.management.ThreadMXBean} does not list them). Where
 * the cores alone hold two paths back, their throughput ratio is about the inverse of their CPU per message's ratio;
 * the bench prints the share of the cores a run kept busy ({@link Figures#busy}) to say how far that holds.
 *
 * @param sample every live thread's id and its CPU time in nanoseconds so far; empty when the JVM does not measure it
 */
record ThreadCpu(Supplier<Map<Long, Long>> sample) {

    /** A meter that measures nothing (a Bourtol in another process: this JVM's threads are only the bench's clients). */
    static final ThreadCpu NONE = new ThreadCpu(Map::of);

    static ThreadCpu ofThisJvm() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadCpuTimeSupported()) {
            return NONE;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return new ThreadCpu(() -> {
            long[] ids = threads.getAllThreadIds();
            long[] cpu = threads.getThreadCpuTime(ids);
            Map<Long, Long> m = new HashMap<>(2 * ids.length);
            for (int i = 0; i < ids.length; i++) {
                if (cpu[i] >= 0) { // -1: the thread ended meanwhile
                    m.put(ids[i], cpu[i]);
                }
            }
            return m;
        });
    }

    Mark mark() {
        return new Mark(sample.get());
    }

    /** The threads' CPU times at one moment. */
    final class Mark {
        private final Map<Long, Long> before;

        private Mark(Map<Long, Long> before) {
            this.before = before;
        }

        /**
         * CPU nanoseconds of the Java threads since this mark: a thread started since then counts whole, one that ended
         * meanwhile is not counted; NaN when nothing is measured.
         */
        double nanosSince() {
            Map<Long, Long> now = sample.get();
            if (now.isEmpty() || before.isEmpty()) {
                return Double.NaN;
            }
            long sum = 0;
            for (Map.Entry<Long, Long> e : now.entrySet()) {
                sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
            }
            return sum;
        }

        /** CPU microseconds per message of a run that ended now, in which {@code messages} arrived; NaN when not measured. */
        double microsPer(int messages) {
            double nanos = nanosSince();
            return messages <= 0 || Double.isNaN(nanos) ? Double.NaN : nanos / 1000.0 / messages;
        }
    }
}
