package org.bourtol.platform;

import java.time.Duration;

/** Waiting for one of Bourtol's own worker threads, the one way: an interrupt ends the wait and stays set for the caller. */
public final class Threads {

    private Threads() {
    }

    /** Waits at most {@code max} for {@code thread} to end (at a close: the thread was told to stop). */
    public static void join(Thread thread, Duration max) {
        try {
            thread.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps {@code pause}; false when interrupted (the interrupt stays set: the caller's loop should end). */
    public static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
