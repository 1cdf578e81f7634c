package org.bourtol.notifier.sms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where SMS work runs: a few worker threads that take tasks from a priority queue (lower number
 * first, then first come first served: an Extreme alert overtakes everything waiting), and one timer
 * thread that holds retries until their backoff has passed and then queues them again. A retry never
 * holds a worker while it waits; only the Twilio call itself does.
 */
public final class SendQueue implements SmsDispatcher.Lanes, AutoCloseable {

    /** Priority of Extreme alerts (and the cap notice to admins). */
    public static final int FIRST = 0;
    /** Priority of everything else. */
    public static final int NORMAL = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SendQueue.class);

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final AtomicLong order = new AtomicLong();
    private final Map<ScheduledFuture<?>, Runnable> waiting = new ConcurrentHashMap<>();

    public SendQueue(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "notifier-sms-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notifier-sms-retry");
            t.setDaemon(true);
            return t;
        });
    }

    private record Task(int priority, long order, Runnable body) implements Runnable, Comparable<Task> {
        @Override
        public void run() {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.error("SMS task failed", e);
            }
        }

        @Override
        public int compareTo(Task o) {
            return priority != o.priority ? Integer.compare(priority, o.priority) : Long.compare(order, o.order);
        }
    }

    @Override
    public void submit(int priority, Runnable task) {
        try {
            workers.execute(new Task(priority, order.incrementAndGet(), task));
        } catch (RejectedExecutionException e) {
            LOG.debug("SMS task dropped: queue closed");
        }
    }

    @Override
    public void later(Duration delay, int priority, Runnable task, Runnable abandoned) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        synchronized (waiting) {
            try {
                self[0] = timer.schedule(() -> {
                    boolean mine;
                    synchronized (waiting) {
                        mine = waiting.remove(self[0]) != null;
                    }
                    if (mine) {
                        submit(priority, task);
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
                waiting.put(self[0], abandoned);
            } catch (RejectedExecutionException e) {
                abandoned.run();
            }
        }
    }

    /** Retries waiting on the timer. */
    public int waitingRetries() {
        return waiting.size();
    }

    /** Tasks queued for a worker. */
    public int queued() {
        return workers.getQueue().size();
    }

    /** Drops every retry waiting on the timer (ownership lost): their deliveries stay open for the next owner. */
    public void abandonWaiting() {
        synchronized (waiting) {
            for (Map.Entry<ScheduledFuture<?>, Runnable> e : Map.copyOf(waiting).entrySet()) {
                if (waiting.remove(e.getKey()) != null && e.getKey().cancel(false)) {
                    e.getValue().run();
                }
            }
        }
    }

    @Override
    public void close() {
        abandonWaiting();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
