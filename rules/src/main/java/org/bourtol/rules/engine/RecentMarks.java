package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys with the wall-clock time each was last marked, for one window: whether a key was marked less than the window
 * ago. A key older than the window is forgotten at the next mark (or {@link #forget}), oldest first, so the map holds
 * only the keys marked within about one window however many keys were ever marked — the firings a family sent and the
 * alerts the lifecycle published lately, read to hold back an update that follows too soon. Not thread-safe: one per
 * processor.
 */
final class RecentMarks {

    private final long windowMs;
    /** Key → time of its last mark, in the order of those marks (a mark moves its key to the end). */
    private final Map<String, Long> marks = new LinkedHashMap<>();

    RecentMarks(Duration window) {
        this.windowMs = window.toMillis();
    }

    /** Notes that {@code key} was marked at {@code now} (wall-clock milliseconds), and forgets the keys gone quiet. */
    void mark(String key, long now) {
        marks.remove(key);
        marks.put(key, now);
        forget(now);
    }

    /** True when {@code key} was last marked less than the window before {@code now}. */
    boolean within(String key, long now) {
        Long at = marks.get(key);
        return at != null && now - at < windowMs;
    }

    /** Forgets the keys last marked the window or more before {@code now}. */
    void forget(long now) {
        Iterator<Long> it = marks.values().iterator();
        while (it.hasNext() && now - it.next() >= windowMs) {
            it.remove();
        }
    }

    void clear() {
        marks.clear();
    }

    /** Keys remembered (for tests). */
    int size() {
        return marks.size();
    }
}
