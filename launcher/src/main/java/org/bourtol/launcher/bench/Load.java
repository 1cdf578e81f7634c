package org.bourtol.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * One timed run of one path: {@code n} messages numbered 0..n-1 sent as fast as the path accepts them
 * ({@code rate} 0, saturation) or paced at {@code rate} per second, from {@code threads} sender threads; the path
 * reports each message's arrival with {@link #arrived}. Latency is from just before the send to the arrival;
 * a message that arrives twice counts once; arrivals of other runs (numbers out of range) are ignored.
 */
final class Load {

    /** Sends message {@code seq} of the run. */
    @FunctionalInterface
    interface Sender {
        void send(int seq) throws Exception;
    }

    /** How long a path waits by default for the next arrival once everything is sent, and at most in all. */
    static final Duration QUIET = Duration.ofSeconds(15);
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int id = RUNS.incrementAndGet();
    private final String path;
    private final int n;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray arrivedAt;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong lastArrival = new AtomicLong();
    private final Histogram micros = new Histogram(3);
    private volatile long start;
    private volatile long finishedNanos = -1;

    Load(String path, int n) {
        this.path = path;
        this.n = n;
        this.sentAt = new AtomicLongArray(n);
        this.arrivedAt = new AtomicLongArray(n);
    }

    /**
     * This run's number, distinct from every other run's in this JVM: a path tags its messages with it, so that late
     * arrivals of an earlier run are not taken for this one's.
     */
    int id() {
        return id;
    }

    /** Called by the path's listener (any thread) when message {@code seq} arrived. */
    void arrived(long seq) {
        long now = System.nanoTime();
        if (seq < 0 || seq >= n) {
            return;
        }
        int i = (int) seq;
        long t0 = sentAt.get(i);
        if (t0 == 0 || !arrivedAt.compareAndSet(i, 0, now)) {
            return;
        }
        synchronized (micros) {
            micros.recordValue(Math.max(0, (now - t0) / 1000));
        }
        lastArrival.accumulateAndGet(now, Math::max);
        arrived.incrementAndGet();
    }

    /** Nanoseconds from the first send until {@code finished} turned true, -1 if it never did. */
    long finishedNanos() {
        return finishedNanos;
    }

    /**
     * Sends every message, then waits until all arrived, nothing arrived for {@code quiet}, or {@code timeout}
     * passed; returns the figures.
     */
    Figures run(double rate, int threads, Duration quiet, Duration timeout, Sender sender) throws InterruptedException {
        return run(rate, threads, quiet, timeout, sender, null);
    }

    /**
     * As {@link #run(double, int, Duration, Duration, Sender)}, but the run ends when {@code finished} turns true (for
     * paths where not every message arrives), even when every message arrived before; {@link #finishedNanos} then tells
     * when it did. Null: when all arrived.
     */
    Figures run(double rate, int threads, Duration quiet, Duration timeout, Sender sender, BooleanSupplier finished)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    if (rate > 0) {
                        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    sentAt.set(i, System.nanoTime());
                    try {
                        sender.send(i);
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }
            }, "bench-sender-" + t);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(path + ": " + failures.size() + " sends failed, first: " + failures.get(0), failures.get(0));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long sentDone = System.nanoTime();
        while ((finished != null || arrived.get() < n) && System.nanoTime() < deadline
                && System.nanoTime() - Math.max(lastArrival.get(), sentDone) < quiet.toNanos()) {
            if (finished != null && finished.getAsBoolean()) {
                finishedNanos = System.nanoTime() - start;
                Thread.sleep(1000); // arrivals committed with the finishing transaction may still be on their way
                break;
            }
            Thread.sleep(20);
        }
        long end = arrived.get() == 0 ? start : lastArrival.get();
        synchronized (micros) {
            return Figures.of(path, rate, n, arrived.get(), end - start, micros);
        }
    }
}
