package org.bourtol.rules.corridor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code corridor-deviation}: a herd that was within a corridor's buffer is assigned to it; once it is
 * farther than the buffer for {@code consecutiveReports} reports or for {@code persistence}, it fires
 * for that corridor. Back within any corridor's buffer clears. Pure.
 */
public final class CorridorRule {

    public record Params(int consecutiveReports, Duration persistence) {
    }

    /** Distances (m) from the herd to each corridor of the rule, and each corridor's buffer (m). */
    public record Input(HerdPosition herd, Map<String, Double> distanceM, Map<String, Double> bufferM) {
    }

    public record State(String corridor, int outside, Instant outsideSince) {
        public static final State INITIAL = new State(null, 0, null);
    }

    private CorridorRule() {
    }

    public static Step<State> step(State state, Input in, Params p, Instant now) {
        String nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : in.distanceM().entrySet()) {
            double buffer = in.bufferM().getOrDefault(e.getKey(), 1000.0);
            if (e.getValue() <= buffer && e.getValue() < best) {
                best = e.getValue();
                nearest = e.getKey();
            }
        }
        if (nearest != null) {
            return new Step<>(new State(nearest, 0, null), Verdict.CLEAR);
        }
        if (state.corridor() == null) {
            return new Step<>(state, Verdict.CLEAR);
        }
        int outside = state.outside() + 1;
        Instant since = state.outsideSince() == null ? now : state.outsideSince();
        State next = new State(state.corridor(), outside, since);
        if (outside < p.consecutiveReports() && now.isBefore(since.plus(p.persistence()))) {
            return new Step<>(next, new Verdict.Pending(outside + " of " + p.consecutiveReports() + " reports outside " + state.corridor()));
        }
        HerdPosition h = in.herd();
        double d = in.distanceM().getOrDefault(state.corridor(), Double.NaN);
        double buffer = in.bufferM().getOrDefault(state.corridor(), 1000.0);
        return new Step<>(next, new Verdict.Fire("fire", null, "herd " + h.herdId() + " (" + h.headCount() + " head) "
                + Math.round(d) + " m", Math.round(buffer) + " m",
                List.of(new Evidence(h.id(), "herd", h.observedAt(), Math.round(d) + " m from the corridor, " + h.headCount() + " head",
                        h.reporterId()))));
    }
}
