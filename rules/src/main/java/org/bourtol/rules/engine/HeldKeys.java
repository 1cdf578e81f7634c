package org.bourtol.rules.engine;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The keys whose update is held back (a family's firings that change only their measure, the lifecycle's updates of
 * a hot alert that keep its severity) and when each key last sent one: a key that sent less than the update interval
 * ago holds its next update ({@link #lately}), and a held update is due at a commit once the interval has passed since
 * its key's last, less {@link BeforeCommit#earlyMs} (a commit's time is its task's last record's or punctuation's, a
 * little behind the clock). The updates themselves are kept by their owner in its store (a timeline's unsent firing, an
 * alert slot's unpublished step), so that they survive a restart; this holds only the keys and the times, for one
 * processor (not thread-safe), and forgets a key's time once the interval has passed.
 */
public final class HeldKeys {

    private final long intervalMs;
    private final long earlyMs;
    /** Keys holding an update, in the order they were held. */
    private final Set<String> waiting = new LinkedHashSet<>();
    /** Key → wall-clock time it last sent an update, for those sent within the interval. */
    private final RecentMarks sent;

    /** @param interval the update interval (zero: nothing is ever held) */
    public HeldKeys(Duration interval) {
        this.intervalMs = interval.toMillis();
        this.earlyMs = BeforeCommit.earlyMs(interval);
        this.sent = new RecentMarks(interval);
    }

    /** {@code key} holds an update (held now, or found held in its store after a restart). */
    public void hold(String key) {
        waiting.add(key);
    }

    /** {@code key} sent an update at {@code now} (wall-clock milliseconds): nothing of it waits any more. */
    public void sent(String key, long now) {
        waiting.remove(key);
        if (intervalMs > 0) {
            sent.mark(key, now);
        }
    }

    /** True when {@code key} sent an update less than the interval before {@code now} (never without an interval). */
    public boolean lately(String key, long now) {
        return intervalMs > 0 && sent.within(key, now);
    }

    /** True while some key holds an update. */
    public boolean waiting() {
        return !waiting.isEmpty();
    }

    /**
     * At a commit at {@code now}: {@code send} runs for each key whose held update is due (the key should then call
     * {@link #sent}), which waits no more; the others keep waiting.
     */
    public void sendDue(long now, Consumer<String> send) {
        if (waiting.isEmpty()) {
            return;
        }
        for (String key : List.copyOf(waiting)) {
            if (!sent.within(key, now + earlyMs)) {
                send.accept(key);
                waiting.remove(key);
            }
        }
        sent.forget(now);
    }

    /** {@code send} runs for every key holding an update, due or not (a punctuation's); false when none held one. */
    public boolean sendAll(long now, Consumer<String> send) {
        boolean any = !waiting.isEmpty();
        for (String key : List.copyOf(waiting)) {
            send.accept(key);
        }
        waiting.clear();
        sent.forget(now);
        return any;
    }

    /** Forgets every key (a task starting again reads its held updates back from its store). */
    public void clear() {
        waiting.clear();
        sent.clear();
    }
}
