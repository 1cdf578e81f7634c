package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bourtol.contracts.observation.Observation;

/**
 * A family group's input store ({@code <inputs>-inputs}, keys from {@link Timeline#pendingKey}) as its evaluator uses
 * it, knowing for the keys seen lately the span of event times their kept inputs cover. With it the evaluator skips the
 * reads that cannot find anything: a rule's fold and the evaluator's drop read a key's inputs older than a horizon,
 * and while the key's oldest input is not older than it (a station whose readings all lie inside the grace period)
 * there are none; an input newer than every kept input of its key cannot be a redelivered one. Each of those reads
 * was a descent of the whole store, three or four per input. A span is read from the store the first time its key is
 * used (its first and last input), kept up to date as inputs are added; after inputs of the key are dropped its oldest
 * is read again when next asked for. Wrapped anew in the processor's {@code init}, over the restored store; in memory only, for the
 * {@link #SPANS} keys used most recently.
 */
final class PendingInputs {

    /**
     * Keys whose span is kept (about 200 bytes each with the key and the map entry: 20 MB for the memory bench's 100,000
     * herds; a key beyond them is read again when it reports).
     */
    static final int SPANS = 131_072;

    private final KeyValueStore<String, Observation> store;
    private final Map<String, Span> spans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Span> eldest) {
            return size() > SPANS;
        }
    };

    PendingInputs(KeyValueStore<String, Observation> store) {
        this.store = store;
    }

    /** True when {@code o} is kept for {@code key} already (it was evaluated and this is a redelivery). */
    boolean contains(String key, Observation o) {
        return !o.observedAt().isAfter(span(key).newest()) && store.get(Timeline.pendingKey(key, o)) != null;
    }

    /** Keeps {@code o} as an input of {@code key}; its input-store key. */
    String add(String key, Observation o) {
        String storeKey = Timeline.pendingKey(key, o);
        store.put(storeKey, o);
        Span s = spans.get(key);
        if (s != null) {
            spans.put(key, s.with(o.observedAt()));
        }
        return storeKey;
    }

    /** Puts an input back under its input-store key as a task starts ({@link InputRecovery}), before any span is known. */
    void putBack(String storeKey, Observation o) {
        store.put(storeKey, o);
    }

    /** The input kept under {@code storeKey}, or null. */
    Observation get(String storeKey) {
        return store.get(storeKey);
    }

    /** True when some kept input of {@code key} is older than {@code at}. */
    boolean anyBefore(String key, Instant at) {
        Span s = span(key);
        if (s.oldest() == null) {
            s = new Span(oldest(key), s.newest());
            spans.put(key, s);
        }
        return s.oldest().isBefore(at);
    }

    /** The kept inputs between two input-store keys ({@link Timeline#pendingBound} and the like), in event-time order. */
    KeyValueIterator<String, Observation> range(String from, String to) {
        return store.range(from, to);
    }

    /**
     * Forgets the inputs of {@code key} under the input-store keys {@code storeKeys} (tombstones in the changelog). The
     * key's oldest input is read again when next asked for; its newest is kept (the evaluator never drops a key's newest
     * input but with all of them, and a newest later than what is kept only costs {@link #contains} a lookup).
     */
    void drop(String key, List<String> storeKeys) {
        if (!storeKeys.isEmpty()) {
            storeKeys.forEach(k -> store.put(k, null));
            Span s = spans.get(key);
            if (s != null) {
                spans.put(key, new Span(null, s.newest()));
            }
        }
    }

    private Span span(String key) {
        Span s = spans.get(key);
        if (s == null) {
            s = read(key);
            spans.put(key, s);
        }
        return s;
    }

    private Span read(String key) {
        Instant oldest = oldest(key);
        return oldest.equals(Instant.MAX) ? Span.NONE
                : new Span(oldest, first(store.reverseRange(Timeline.pendingPrefix(key), Timeline.pendingEnd(key))));
    }

    /** The event time of the oldest kept input of {@code key}, {@link Instant#MAX} when none is kept. */
    private Instant oldest(String key) {
        Instant oldest = first(store.range(Timeline.pendingPrefix(key), Timeline.pendingEnd(key)));
        return oldest == null ? Instant.MAX : oldest;
    }

    private static Instant first(KeyValueIterator<String, Observation> inputs) {
        try (inputs) {
            while (inputs.hasNext()) {
                KeyValue<String, Observation> kv = inputs.next();
                if (kv.value != null) {
                    return kv.value.observedAt();
                }
            }
            return null;
        }
    }

    /**
     * The event times of a key's oldest and newest kept input ({@link #NONE}: none kept). {@code oldest} null: not known
     * since inputs were dropped (read when asked for); {@code newest} may be later than the newest kept (never earlier).
     */
    private record Span(Instant oldest, Instant newest) {

        static final Span NONE = new Span(Instant.MAX, Instant.MIN);

        Span with(Instant at) {
            Instant first = oldest == null ? null : at.isBefore(oldest) ? at : oldest;
            return new Span(first, at.isAfter(newest) ? at : newest);
        }
    }
}
