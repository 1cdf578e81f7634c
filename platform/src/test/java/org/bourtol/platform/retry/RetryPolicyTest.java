package org.bourtol.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffIsCappedAndJittered() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(5), 40);
        assertEquals(Duration.ofMillis(250), p.delay(1, () -> 0.0));
        assertEquals(Duration.ofMillis(499), p.delay(1, () -> 0.999));
        assertEquals(Duration.ofMillis(500), p.delay(2, () -> 0.0));
        assertEquals(Duration.ofMillis(299_700), p.delay(30, () -> 0.998));
        assertEquals(Duration.ofMillis(150_000), p.delay(40, () -> 0.0));
        assertEquals(Duration.ofMillis(150_000), p.delay(Integer.MAX_VALUE, () -> 0.0), "no overflow far past the cap");
    }

    @Test
    void attemptsDoubleUntilTheCapAndStartOverAfterASuccess() {
        RetryPolicy.Attempts a = RetryPolicy.forever(Duration.ofMillis(100), Duration.ofMillis(400)).attempts(() -> 0.0);
        assertEquals(Duration.ofMillis(50), a.failed());
        assertEquals(Duration.ofMillis(100), a.failed());
        assertEquals(Duration.ofMillis(200), a.failed());
        assertEquals(Duration.ofMillis(200), a.failed(), "capped");
        assertEquals(4, a.failures());
        a.reset();
        assertEquals(Duration.ofMillis(50), a.failed());
    }

    @Test
    void rejectsAPolicyThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
