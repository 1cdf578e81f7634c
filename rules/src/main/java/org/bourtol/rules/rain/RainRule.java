package org.bourtol.rules.rain;

import java.time.Duration;
import java.time.Instant;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/** {@code rain-accumulation}: rain summed over the readings of the last {@code window} reaches {@code thresholdMm}. Pure. */
public final class RainRule {

    public record Params(double thresholdMm, Duration window) {
    }

    private RainRule() {
    }

    public static Step<Samples> step(Samples state, RainReading r, Params p, Instant now) {
        Samples next = state.add(new Samples.Sample(r.id(), null, r.observedAt(), r.mm()), now, p.window(), false);
        double sum = next.sum();
        if (sum < p.thresholdMm()) {
            return new Step<>(next, sum > 0 ? new Verdict.Pending(fmt(sum) + " of " + fmt(p.thresholdMm()) + " mm") : Verdict.CLEAR);
        }
        var ev = next.items().stream().skip(Math.max(0, next.items().size() - 10))
                .map(s -> new Evidence(s.id(), "rain", s.at(), fmt(s.value()) + " mm", null)).toList();
        return new Step<>(next, new Verdict.Fire("fire", null, fmt(sum) + " mm", fmt(p.thresholdMm()) + " mm", ev));
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.0f", v);
    }
}
