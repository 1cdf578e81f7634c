package org.bourtol.rules.concentration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code herd-concentration}: the total head count of distinct herds seen in one zone within a
 * sliding window (each herd counted once, at its latest count) against the zone's capacity × factor.
 * Pending from 80 % of it. Pure.
 */
public final class ConcentrationRule {

    public record Params(Duration window, double capacityFactor) {
    }

    private ConcentrationRule() {
    }

    /** {@code capacity} is the zone's capacity in head (null: unknown, never fires). */
    public static Step<Samples> step(Samples state, HerdPosition h, Integer capacity, Params p, Instant now) {
        Samples next = state.add(new Samples.Sample(h.id(), h.herdId(), h.observedAt(), h.headCount()), now, p.window(), true);
        if (capacity == null) {
            return new Step<>(next, Verdict.CLEAR);
        }
        double limit = capacity * p.capacityFactor();
        long total = Math.round(next.sum());
        if (total > limit) {
            List<Evidence> ev = next.items().stream().skip(Math.max(0, next.items().size() - 10))
                    .map(s -> new Evidence(s.id(), "herd", s.at(), (long) s.value() + " head (herd " + s.key() + ")", null)).toList();
            return new Step<>(next, new Verdict.Fire("fire", null, total + " head, " + next.items().size() + " herds",
                    String.valueOf(Math.round(limit)), ev));
        }
        return new Step<>(next, total > 0.8 * limit ? new Verdict.Pending(total + " of " + Math.round(limit) + " head") : Verdict.CLEAR);
    }
}
