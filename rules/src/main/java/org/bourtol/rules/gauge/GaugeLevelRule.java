package org.bourtol.rules.gauge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code gauge-level}: a station's level against ascending levels (e.g. Niamey warning 530 / alert
 * 580 / danger 620 cm). Rising, the highest crossed level fires at once. Falling, a level is left only
 * after the readings stayed below {@code level − hysteresis} for {@code hold}; a reading back inside the
 * band restarts the hold, so a noisy descent does not flap. Pure: time is the reading's event time.
 */
public final class GaugeLevelRule {

    /** A named level in cm on the station's staff gauge. */
    public record Level(String name, int cm) {
    }

    /** Levels in ascending order. */
    public record Params(List<Level> levels, int hysteresisCm, Duration hold) {
    }

    /** {@code level} is the index of the active level (−1 none); {@code belowSince} starts the hold. */
    public record State(int level, Instant belowSince, int lastCm) {
        public static final State INITIAL = new State(-1, null, Integer.MIN_VALUE);
    }

    private GaugeLevelRule() {
    }

    public static Step<State> step(State state, GaugeReading reading, Params params, Instant now) {
        int cm = reading.levelCm();
        List<Level> levels = params.levels();
        int crossed = -1;
        for (int i = 0; i < levels.size(); i++) {
            if (cm >= levels.get(i).cm()) {
                crossed = i;
            }
        }
        int current = state.level();
        Instant belowSince = null;
        if (crossed >= current) {
            current = crossed;
        } else if (cm <= levels.get(current).cm() - params.hysteresisCm()) {
            belowSince = state.belowSince() == null ? now : state.belowSince();
            if (!now.isBefore(belowSince.plus(params.hold()))) {
                current = highestHeld(levels, cm, params.hysteresisCm(), current);
                belowSince = null;
            }
        }
        State next = new State(current, belowSince, cm);
        if (current < 0) {
            return new Step<>(next, Verdict.CLEAR);
        }
        Level level = levels.get(current);
        Evidence evidence = new Evidence(reading.id(), "gauge", reading.observedAt(), cm + " cm", reading.reporterId());
        return new Step<>(next, new Verdict.Fire(level.name(), null, cm + " cm", level.cm() + " cm", List.of(evidence)));
    }

    /** After a hold, the highest level below {@code current} whose band still contains {@code cm}. */
    private static int highestHeld(List<Level> levels, int cm, int hysteresis, int current) {
        int held = -1;
        for (int i = 0; i < current; i++) {
            if (cm > levels.get(i).cm() - hysteresis) {
                held = i;
            }
        }
        return held;
    }
}
