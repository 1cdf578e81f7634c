package org.bourtol.ingest.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A sliding-window limit per sender (pseudonym): at most {@code limit} messages in any {@code window}.
 * Over the limit the sender is told once per window ({@link Verdict#TELL}); further messages in that
 * window are answered with nothing ({@link Verdict#SILENT}), so an auto-responder cannot start a
 * ping-pong. Time is passed in. The counts live in this process only: they start from zero after a
 * restart and are per instance when several ingest instances run (see docs/security.md). Senders whose messages
 * all left the window are forgotten in a sweep once more than {@link #SWEEP_FLOOR} senders are tracked, and then only
 * when their number has doubled since the last sweep: until 7 December every message swept all of them once more than
 * 10,000 had written within the window, on the webhook's event loop (4.5–10 ms of CPU per SMS in the bench).
 */
public final class RateLimiter {

    /** What to do with one message. */
    public enum Verdict {
        /** Within the limit: process it. */
        ALLOW,
        /** The first message over the limit in this window: keep it, tell the sender once. */
        TELL,
        /** Over the limit and already told in this window: keep it, answer nothing. */
        SILENT
    }

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> seen = new HashMap<>();
    private final Map<String, Instant> told = new HashMap<>();
    private int sweepAt = SWEEP_FLOOR;
    private int sweeps;

    /** Senders tracked before the first sweep of those whose messages all left the window. */
    static final int SWEEP_FLOOR = 10_000;

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Counts this message and says whether it is within the limit. */
    public boolean allow(String sender, Instant now) {
        return check(sender, now) == Verdict.ALLOW;
    }

    /** Counts this message and says what to do with it. */
    public synchronized Verdict check(String sender, Instant now) {
        Instant from = now.minus(window);
        if (seen.size() > sweepAt) {
            seen.values().forEach(d -> d.removeIf(t -> !t.isAfter(from)));
            seen.values().removeIf(Deque::isEmpty);
            told.values().removeIf(t -> !t.isAfter(from));
            // the next sweep when twice as many are tracked: a sweep's work is paid for by the messages since the last one
            sweepAt = Math.max(SWEEP_FLOOR, 2 * seen.size());
            sweeps++;
        }
        Deque<Instant> times = seen.computeIfAbsent(sender, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
            times.removeFirst();
        }
        if (times.size() < limit) {
            times.addLast(now);
            return Verdict.ALLOW;
        }
        Instant last = told.get(sender);
        if (last != null && last.isAfter(from)) {
            return Verdict.SILENT;
        }
        told.put(sender, now);
        return Verdict.TELL;
    }

    /** Senders tracked now (for tests). */
    synchronized int tracked() {
        return seen.size();
    }

    /** Sweeps so far (for tests). */
    synchronized int sweeps() {
        return sweeps;
    }
}
