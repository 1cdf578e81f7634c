package org.bourtol.ingest.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A sliding-window limit per sender (pseudonym): at most {@code limit} messages in any {@code window}. Time is passed in. */
public final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> seen = new HashMap<>();

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Counts this message and says whether it is within the limit. */
    public synchronized boolean allow(String sender, Instant now) {
        Instant from = now.minus(window);
        if (seen.size() > 10_000) {
            seen.values().forEach(d -> d.removeIf(t -> !t.isAfter(from)));
            seen.values().removeIf(Deque::isEmpty);
        }
        Deque<Instant> times = seen.computeIfAbsent(sender, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
