package org.bourtol.notifier.sms;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with "equal jitter" for 429 and 5xx answers: attempt n waits between
 * half and all of {@code min(cap, base * 2^(n-1))}. After {@code maxAttempts} the delivery is recorded
 * as failed (the default, 40 attempts capped at 5 minutes, rides out a Twilio outage of about three
 * hours). Pure: randomness is injected.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(5), 40);

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 < base <= cap and maxAttempts >= 1");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based); {@code random} yields values in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long baseMs = base.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long exp = baseMs > (cap.toMillis() >> shift) ? cap.toMillis() : Math.min(cap.toMillis(), baseMs << shift);
        long half = exp / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exp - half)));
    }
}
