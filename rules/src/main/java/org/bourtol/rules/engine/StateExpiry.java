package org.bourtol.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets the state of keys that fell silent: a (rule, key) timeline whose newest input is older than the silence
 * ({@code rules.stateExpiry}, default 30 days) before the latest event time seen, and whose rule is not firing, is
 * deleted with its pending inputs. A herd that reports again starts afresh, as a new one would; a firing timeline
 * stays until its rule clears. Without it the stores would keep every herd ever seen. A sweep reads every timeline, so
 * it runs only once event time has moved on by a tenth of the silence ({@link #due}): a silent key goes between the
 * silence and 1.1 times it after its last input.
 */
final class StateExpiry {

    /** How often the family evaluators check whether a sweep is due (wall clock). */
    static final Duration SWEEP = Duration.ofMinutes(10);

    private StateExpiry() {
    }

    /** A sweep reads every timeline; it runs once event time has moved on by this share of the silence since the last one. */
    static final int SWEEPS_PER_SILENCE = 10;

    /**
     * True when a sweep is due at event time {@code now}: the first one, or once {@code now} is a tenth of the silence past
     * the last one ({@code lastSweep}). A silent key is then forgotten between {@code silence} and 1.1 × {@code silence}
     * after its last input, and the sweeps do not read every timeline every {@link #SWEEP} (a backtest, whose clock runs
     * through a season, spent three quarters of its time in them).
     */
    static boolean due(Instant lastSweep, Instant now, Duration silence) {
        return !now.equals(Instant.EPOCH)
                && (lastSweep.equals(Instant.EPOCH) || !now.isBefore(lastSweep.plus(silence.dividedBy(SWEEPS_PER_SILENCE))));
    }

    /** True when {@code tl} has had no input for longer than {@code silence} before {@code now} and is not firing. */
    static boolean expired(Timeline<?> tl, Instant now, Duration silence) {
        return tl != null && !tl.fired() && tl.newest() != null && tl.newest().plus(silence).isBefore(now);
    }

    /**
     * Deletes the expired timelines of {@code store}; returns the keys (station, herd or zone) they were for, whose
     * inputs the caller drops once no timeline of the key is left.
     */
    static <S> Set<String> sweep(KeyValueStore<String, Timeline<S>> store, Instant now, Duration silence) {
        if (now.equals(Instant.EPOCH)) {
            return Set.of(); // no input yet: nothing is silent
        }
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, Timeline<S>> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Timeline<S>> kv = it.next();
                if (expired(kv.value, now, silence)) {
                    gone.add(kv.key);
                }
            }
        }
        Set<String> keys = new HashSet<>();
        for (String skey : gone) {
            store.delete(skey);
            keys.add(skey.substring(skey.indexOf('|') + 1));
        }
        return keys;
    }
}
