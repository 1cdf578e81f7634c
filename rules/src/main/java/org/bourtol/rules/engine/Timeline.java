package org.bourtol.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bourtol.contracts.observation.Observation;

/**
 * Per (rule, key) evaluation state that makes results independent of arrival order within the grace
 * period: {@code base} is the family state after every input older than {@code horizon}; {@code pending}
 * holds the inputs inside the grace period, sorted by event time. A new input is inserted in order and
 * the pending inputs are replayed from {@code base}; inputs older than the horizon are too late.
 * {@code fired}/{@code alertZone} remember the last verdict sent to the lifecycle.
 */
public record Timeline(JsonNode base, Instant horizon, List<Observation> pending, boolean fired, String alertZone,
                       String lastFire) {

    private static final Comparator<Observation> ORDER =
            Comparator.comparing(Observation::observedAt).thenComparing(Observation::id);

    public Timeline {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    public static Timeline empty() {
        return new Timeline(null, Instant.EPOCH, List.of(), false, null, null);
    }

    public boolean tooLate(Observation o) {
        return o.observedAt().isBefore(horizon);
    }

    public boolean contains(Observation o) {
        return pending.stream().anyMatch(p -> p.id().equals(o.id()));
    }

    /** Inputs in event-time order with {@code o} inserted. */
    public List<Observation> with(Observation o) {
        List<Observation> all = new ArrayList<>(pending);
        if (!contains(o)) {
            all.add(o);
        }
        all.sort(ORDER);
        return all;
    }

    /** Folds every input older than newest − grace into the base (the caller replayed them to get {@code newBase}). */
    public static Instant horizonFor(List<Observation> inputs, Duration grace) {
        Instant newest = inputs.isEmpty() ? Instant.EPOCH : inputs.get(inputs.size() - 1).observedAt();
        return newest.minus(grace);
    }
}
