package org.bourtol.platform.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The one retry and backoff policy of every component: capped exponential backoff with "equal
 * jitter". Attempt n waits between half and all of {@code min(cap, base * 2^(n-1))}; after
 * {@code maxAttempts} the caller gives up (the SMS default, 240 attempts capped at one minute, rides out
 * a Twilio outage of about three hours, and sends at most a minute after Twilio is back). Pure: randomness is injected; {@link Attempts} counts the
 * failures of a loop that retries until it succeeds.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    /**
     * Twilio sends: 0.5 s doubling up to one minute, 240 attempts (about three hours). The cap is short because a
     * warning waits out the last backoff after Twilio recovers: with 5 minutes a warning could leave 5 minutes late.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(1), 240);

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 < base <= cap and maxAttempts >= 1");
        }
    }

    /** A policy for loops that retry until they succeed (reconnects, a sink's writes). */
    public static RetryPolicy forever(Duration base, Duration cap) {
        return new RetryPolicy(base, cap, Integer.MAX_VALUE);
    }

    /** The wait after failed attempt {@code attempt} (1-based); {@code random} yields values in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long baseMs = base.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long exp = baseMs > (cap.toMillis() >> shift) ? cap.toMillis() : Math.min(cap.toMillis(), baseMs << shift);
        long half = exp / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exp - half)));
    }

    /** A counter of failures in a row for this policy. */
    public Attempts attempts(DoubleSupplier random) {
        return new Attempts(this, random);
    }

    /** Failures in a row of one loop: the delay before the next attempt, and a reset after a success. Not thread-safe. */
    public static final class Attempts {

        private final RetryPolicy policy;
        private final DoubleSupplier random;
        private int failures;

        private Attempts(RetryPolicy policy, DoubleSupplier random) {
            this.policy = policy;
            this.random = random;
        }

        /** Counts one more failure and returns the wait before the next attempt. */
        public Duration failed() {
            failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
            return policy.delay(failures, random);
        }

        public int failures() {
            return failures;
        }

        public void reset() {
            failures = 0;
        }
    }
}
