package org.bourtol.rules.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code upstream-lead}: an upstream station at or above {@code upstreamCm} announces the flood at the
 * downstream station about {@code travel} later; it stays announced until the upstream level falls
 * below {@code upstreamCm − hysteresisCm}. The fire's threshold is the expected arrival date. Pure.
 */
public final class UpstreamLeadRule {

    public record Params(String upstream, int upstreamCm, Duration travel, int hysteresisCm) {
    }

    public record State(boolean firing) {
        public static final State INITIAL = new State(false);
    }

    private UpstreamLeadRule() {
    }

    public static Step<State> step(State state, GaugeReading g, Params p, Instant now) {
        boolean firing = g.levelCm() >= p.upstreamCm() || (state.firing() && g.levelCm() > p.upstreamCm() - p.hysteresisCm());
        if (!firing) {
            return new Step<>(State.INITIAL, Verdict.CLEAR);
        }
        String arrival = g.observedAt().plus(p.travel()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return new Step<>(new State(true), new Verdict.Fire("fire", null, g.levelCm() + " cm", arrival,
                List.of(new Evidence(g.id(), "gauge", g.observedAt(), g.levelCm() + " cm at " + g.stationId(), g.reporterId()))));
    }
}
