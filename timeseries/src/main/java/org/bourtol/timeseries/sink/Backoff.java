package org.bourtol.timeseries.sink;

import java.time.Duration;

/** Capped exponential backoff: min, 2·min, 4·min … max; {@link #reset()} after a success. Not thread-safe. */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private long nextMs;

    Backoff(Duration min, Duration max) {
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
        this.nextMs = minMs;
    }

    /** The delay before the next attempt, doubling the one after it. */
    long nextDelayMs() {
        long d = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return d;
    }

    void reset() {
        nextMs = minMs;
    }
}
