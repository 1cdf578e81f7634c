package org.bourtol.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time of this JVM's Java threads, for the bench's CPU per message: with the embedded Bourtol that is the whole
 * pipeline (its brokers, ingest, the rules, the notifier) and the bench's Streams baselines, without the JIT compiler's
 * and the garbage collector's threads (not Java threads: {@link java.lang.management.ThreadMXBean} does not list them),
 * nor the threads of the senders and readers a run opens and closes (ended when the run's time is read). Where
 * the cores alone hold two paths back, their throughput ratio is about the inverse of their CPU per message's ratio;
 * the bench prints the share of the cores a run kept busy ({@link Figures#busy}) to say how far that holds. The same time
 * split by thread ({@link Mark#microsPerByThread}) tells a path's own work from the brokers', and a round in
 * which every thread went slower (the machine) from one in which a single thread did (the code).
 *
 * <p>On Linux the kernel's account of every thread of the process, the JIT's and the collector's too, is read beside
 * it ({@link Mark#kernelPer}): the time on a core and the time runnable but waiting for one. On two cores shared by a
 * broker, Kafka Streams and the JIT, the second is as large as the first, and throughput follows the process's whole
 * CPU per message.
 *
 * @param sample every live thread's id and its CPU time in nanoseconds so far; empty when the JVM does not measure it
 * @param name a live thread's name by its id (of a thread that ended meanwhile: any name, it is not counted)
 * @param kernel every live thread of the process by its kernel task id: nanoseconds on a core and waiting for one so far
 *     ({@link #schedstat}); empty where the kernel does not tell
 */
record ThreadCpu(Supplier<Map<Long, Long>> sample, LongFunction<String> name, Supplier<Map<Long, long[]>> kernel) {

    /** A meter that measures nothing (a Bourtol in another process: this JVM's threads are only the bench's clients). */
    static final ThreadCpu NONE = new ThreadCpu(Map::of);

    /** Random ids in thread names (a Kafka Streams client's), and the numbers of a pool's threads or of a client. */
    private static final Pattern UUID = Pattern.compile("-?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("-[0-9]+(?=-|$| )");
    /** Linux's folder of this process's threads. */
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A meter whose threads are named by their id. */
    ThreadCpu(Supplier<Map<Long, Long>> sample) {
        this(sample, id -> "thread-" + id);
    }

    /** A meter without the kernel's account. */
    ThreadCpu(Supplier<Map<Long, Long>> sample, LongFunction<String> name) {
        this(sample, name, Map::of);
    }

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
        }, id -> {
            ThreadInfo info = threads.getThreadInfo(id);
            return info == null ? "ended" : info.getThreadName();
        }, () -> schedstat(TASKS));
    }

    /**
     * Every thread of this process under {@code tasks} (Linux's {@code /proc/self/task}): its task id, and from its
     * {@code schedstat} the nanoseconds it has run on a core and waited on a run queue; empty where there is no such
     * folder. A thread that ends while it is read is left out.
     */
    static Map<Long, long[]> schedstat(Path tasks) {
        if (!Files.isDirectory(tasks)) {
            return Map.of();
        }
        Map<Long, long[]> m = new HashMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    m.put(Long.parseLong(task.getFileName().toString()), new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile, or the kernel does not keep scheduler statistics
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
        return m;
    }

    /**
     * The threads a name stands for, without the ids and numbers that tell one thread of a pool or one client from the
     * next: {@code bourtol-rules-<uuid>-StreamThread-1} is {@code bourtol-rules-StreamThread},
     * {@code data-plane-kafka-request-handler-3} is {@code data-plane-kafka-request-handler}.
     */
    static String group(String threadName) {
        return NUMBER.matcher(UUID.matcher(threadName).replaceAll("")).replaceAll("");
    }

    /**
     * The threads' times now: the kernel's read first (a few hundred files), so that the reading is not counted in the
     * Java threads' time, which {@link Mark#microsPerByThread} reads back before {@link Mark#kernelPer} does.
     */
    Mark mark() {
        Map<Long, long[]> kernelNow = kernel.get();
        return new Mark(sample.get(), kernelNow);
    }

    /**
     * Microseconds per message of all the process's threads, by the kernel: on a core, and runnable but waiting for
     * one; NaN when not measured.
     */
    record Kernel(double runMicros, double waitMicros) {

        static final Kernel NONE = new Kernel(Double.NaN, Double.NaN);

        boolean measured() {
            return !Double.isNaN(runMicros);
        }
    }

    /** The threads' CPU times at one moment. */
    final class Mark {
        private final Map<Long, Long> before;
        private final Map<Long, long[]> kernelBefore;

        private Mark(Map<Long, Long> before, Map<Long, long[]> kernelBefore) {
            this.before = before;
            this.kernelBefore = kernelBefore;
        }

        /**
         * The kernel's account since this mark, per message of a run in which {@code messages} arrived: every thread of
         * the process (a thread started since counts whole, one that ended is not counted); {@link Kernel#NONE} when not
         * measured.
         */
        Kernel kernelPer(int messages) {
            Map<Long, long[]> now = kernel.get();
            if (messages <= 0 || now.isEmpty() || kernelBefore.isEmpty()) {
                return Kernel.NONE;
            }
            long run = 0;
            long wait = 0;
            for (Map.Entry<Long, long[]> e : now.entrySet()) {
                long[] then = kernelBefore.getOrDefault(e.getKey(), new long[2]);
                run += Math.max(0, e.getValue()[0] - then[0]);
                wait += Math.max(0, e.getValue()[1] - then[1]);
            }
            return new Kernel(run / 1000.0 / messages, wait / 1000.0 / messages);
        }

        /**
         * CPU nanoseconds of the Java threads since this mark: a thread started since then counts whole, one that ended
         * meanwhile is not counted; NaN when nothing is measured.
         */
        double nanosSince() {
            Map<String, Long> used = nanosByThread();
            return used == null ? Double.NaN : used.values().stream().mapToLong(Long::longValue).sum();
        }

        /** CPU microseconds per message of a run that ended now, in which {@code messages} arrived; NaN when not measured. */
        double microsPer(int messages) {
            double nanos = nanosSince();
            return messages <= 0 || Double.isNaN(nanos) ? Double.NaN : nanos / 1000.0 / messages;
        }

        /**
         * {@link #microsPer} split by the threads' {@link #group}, the most first, threads that did no work left out; empty
         * when not measured.
         */
        Map<String, Double> microsPerByThread(int messages) {
            Map<String, Long> used = nanosByThread();
            if (messages <= 0 || used == null) {
                return Map.of();
            }
            Map<String, Double> out = new LinkedHashMap<>();
            used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.put(e.getKey(), e.getValue() / 1000.0 / messages));
            return out;
        }

        /** CPU nanoseconds since this mark by thread {@link #group}, those that did some work; null when not measured. */
        private Map<String, Long> nanosByThread() {
            Map<Long, Long> now = sample.get();
            if (now.isEmpty() || before.isEmpty()) {
                return null;
            }
            Map<String, Long> used = new HashMap<>();
            for (Map.Entry<Long, Long> e : now.entrySet()) {
                long nanos = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (nanos > 0) {
                    used.merge(group(name.apply(e.getKey())), nanos, Long::sum);
                }
            }
            return used;
        }
    }
}
