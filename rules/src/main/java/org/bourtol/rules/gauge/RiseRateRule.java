package org.bourtol.rules.gauge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/** {@code gauge-rise-rate}: the level rose by at least {@code riseCm} above the lowest reading of the last {@code window}. Pure. */
public final class RiseRateRule {

    public record Params(int riseCm, Duration window) {
    }

    private RiseRateRule() {
    }

    public static Step<Samples> step(Samples state, GaugeReading g, Params p, Instant now) {
        Samples added = state.add(new Samples.Sample(g.id(), null, g.observedAt(), g.levelCm()), now, p.window(), false);
        // a sliding-window minimum: earlier samples at or above a later one can never be the minimum again
        java.util.ArrayDeque<Samples.Sample> mins = new java.util.ArrayDeque<>();
        for (Samples.Sample x : added.items()) {
            while (!mins.isEmpty() && mins.peekLast().value() >= x.value()) {
                mins.pollLast();
            }
            mins.addLast(x);
        }
        Samples next = new Samples(List.copyOf(mins));
        Samples.Sample low = next.min();
        int rise = g.levelCm() - (int) low.value();
        if (rise < p.riseCm()) {
            return new Step<>(next, rise > 0 ? new Verdict.Pending("+" + rise + " of " + p.riseCm() + " cm") : Verdict.CLEAR);
        }
        List<Evidence> ev = List.of(
                new Evidence(low.id(), "gauge", low.at(), (int) low.value() + " cm", null),
                new Evidence(g.id(), "gauge", g.observedAt(), g.levelCm() + " cm", g.reporterId()));
        return new Step<>(next, new Verdict.Fire("fire", null, "+" + rise + " cm", p.riseCm() + " cm", ev));
    }
}
