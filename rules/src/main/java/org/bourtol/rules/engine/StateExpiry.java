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
 * stays until its rule clears. Without it the stores would keep every herd ever seen.
 */
final class StateExpiry {

    /** How often the family evaluators sweep their stores (wall clock). */
    static final Duration SWEEP = Duration.ofMinutes(10);

    private StateExpiry() {
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
