package org.bourtol.rules.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backtests of this instance: at most one runs at a time (a replay takes a core), the others wait
 * in a bounded queue; a full queue refuses the request ({@link Full}, answered 429). Jobs are kept in
 * memory (the last {@value #KEPT}) and can be cancelled while queued or running.
 */
public final class BacktestJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestJobs.class);
    static final int KEPT = 50;

    /** The queue is full. */
    public static final class Full extends RuntimeException {
        public Full(int capacity) {
            super("backtest queue full (" + capacity + " waiting): try again when one has finished");
        }
    }

    /** Where a job is. */
    public enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** A job as the API shows it; {@code result} only when DONE, {@code error} only when FAILED. */
    public record View(String id, Status status, String by, Instant createdAt, Instant finishedAt, int recordsReplayed,
            int recordsTotal, String error, BacktestResult result) {
    }

    private final class Job implements Runnable {
        final String id = UUID.randomUUID().toString();
        final BacktestRequest request;
        final String by;
        final Instant createdAt = clock.instant();
        final AtomicInteger replayed = new AtomicInteger();
        volatile Status status = Status.QUEUED;
        volatile boolean cancelled;
        volatile Instant finishedAt;
        volatile String error;
        volatile BacktestResult result;

        Job(BacktestRequest request, String by) {
            this.request = request;
            this.by = by;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            status = Status.RUNNING;
            LOG.info("backtest started [id: {}, by: {}, from: {}, to: {}, rules: {}]", id, by, request.from(), request.to(),
                    request.rules().size());
            try {
                result = backtester.run(request, () -> cancelled, replayed::set);
                status = Status.DONE;
                LOG.info("backtest done [id: {}, observations: {}, replayMs: {}]", id, result.observations(), result.replayMillis());
            } catch (CancellationException e) {
                status = Status.CANCELLED;
            } catch (Backtester.NoData e) {
                error = e.getMessage();
                status = Status.FAILED;
            } catch (RuntimeException e) {
                LOG.error("backtest failed [id: {}]", id, e);
                error = "backtest failed: " + e.getMessage();
                status = Status.FAILED;
            } finally {
                finishedAt = clock.instant();
            }
        }

        View view() {
            return new View(id, status, by, createdAt, finishedAt, replayed.get(), 0, error, result);
        }
    }

    private final Backtester backtester;
    private final Clock clock;
    private final int capacity;
    private final ThreadPoolExecutor executor;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** @param capacity backtests that may wait while one runs */
    public BacktestJobs(Backtester backtester, int capacity, Clock clock) {
        this.backtester = backtester;
        this.clock = clock;
        this.capacity = capacity;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "bourtol-backtest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a backtest; throws {@link Full} when {@code capacity} are already waiting. */
    public synchronized View submit(BacktestRequest request, String by) {
        Job job = new Job(request, by);
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            throw new Full(capacity);
        }
        jobs.put(job.id, job);
        while (jobs.size() > KEPT) {
            String oldest = jobs.keySet().iterator().next();
            jobs.remove(oldest);
        }
        return job.view();
    }

    public synchronized Optional<View> get(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::view);
    }

    /** Cancels a queued or running job (a finished one stays as it is). */
    public synchronized Optional<View> cancel(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        if (job.status == Status.QUEUED || job.status == Status.RUNNING) {
            job.cancelled = true;
            if (executor.remove(job)) {
                job.status = Status.CANCELLED;
                job.finishedAt = clock.instant();
            }
        }
        return Optional.of(job.view());
    }

    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(j -> j.cancelled = true);
        }
        executor.shutdownNow();
    }
}
