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
 * used (its first and last input), kept up to date as inputs are added, and read again after inputs of the key are
 * dropped. Wrapped anew in the processor's {@code init}, over the restored store; in memory only, for the
 * {@link #SPANS} keys used most recently.
 */
final class PendingInputs {

    /** Keys whose span is kept (a key's span is two instants; a key beyond them is read again when it reports). */
    static final int SPANS = 65_536;

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

    /** Keeps {@code o} as an input of {@code key}. */
    void add(String key, Observation o) {
        store.put(Timeline.pendingKey(key, o), o);
        Span s = spans.get(key);
        if (s != null) {
            spans.put(key, s.with(o.observedAt()));
        }
    }

    /** True when some kept input of {@code key} is older than {@code at}. */
    boolean anyBefore(String key, Instant at) {
        return span(key).oldest().isBefore(at);
    }

    /** The kept inputs between two input-store keys ({@link Timeline#pendingBound} and the like), in event-time order. */
    KeyValueIterator<String, Observation> range(String from, String to) {
        return store.range(from, to);
    }

    /** Forgets the inputs of {@code key} under the input-store keys {@code storeKeys} (tombstones in the changelog). */
    void drop(String key, List<String> storeKeys) {
        if (!storeKeys.isEmpty()) {
            storeKeys.forEach(k -> store.put(k, null));
            spans.remove(key);
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
        Instant oldest = first(store.range(Timeline.pendingPrefix(key), Timeline.pendingEnd(key)));
        return oldest == null ? Span.NONE : new Span(oldest, first(store.reverseRange(Timeline.pendingPrefix(key), Timeline.pendingEnd(key))));
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

    /** The event times of a key's oldest and newest kept input ({@link #NONE}: none kept). */
    private record Span(Instant oldest, Instant newest) {

        static final Span NONE = new Span(Instant.MAX, Instant.MIN);

        Span with(Instant at) {
            return new Span(at.isBefore(oldest) ? at : oldest, at.isAfter(newest) ? at : newest);
        }
    }
}
