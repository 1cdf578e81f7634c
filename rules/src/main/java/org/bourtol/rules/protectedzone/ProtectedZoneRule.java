package org.bourtol.rules.protectedzone;

import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code herd-in-protected-zone}: a herd inside a protected zone (farmland before its field-release
 * date) fires after {@code consecutiveReports} reports inside; severity grows with head count
 * (Moderate, Severe from {@code severeAtHead}, Extreme from {@code extremeAtHead}). Pure.
 */
public final class ProtectedZoneRule {

    public record Params(int consecutiveReports, int severeAtHead, int extremeAtHead, boolean alertAtCommune) {
    }

    /** Where the herd is: the protected zone it is in during its protected season (null = none), its name and release date. */
    public record Input(HerdPosition herd, String zoneId, String zoneName, String releaseDate) {
    }

    /** {@code zoneId}: the protected zone the herd is in; {@code inside}: consecutive reports there. */
    public record State(String zoneId, int inside) {
        public static final State INITIAL = new State(null, 0);
    }

    private ProtectedZoneRule() {
    }

    public static Step<State> step(State state, Input in, Params params, Instant now) {
        if (in.zoneId() == null) {
            return new Step<>(State.INITIAL, Verdict.CLEAR);
        }
        int inside = in.zoneId().equals(state.zoneId()) ? state.inside() + 1 : 1;
        State next = new State(in.zoneId(), inside);
        if (inside < params.consecutiveReports()) {
            return new Step<>(next, new Verdict.Pending(inside + " of " + params.consecutiveReports() + " reports inside " + in.zoneId()));
        }
        HerdPosition h = in.herd();
        Severity severity = h.headCount() >= params.extremeAtHead() ? Severity.Extreme
                : h.headCount() >= params.severeAtHead() ? Severity.Severe : Severity.Moderate;
        Evidence e = new Evidence(h.id(), "herd", h.observedAt(),
                h.headCount() + " " + h.species().wire() + " (herd " + h.herdId() + ")", h.reporterId());
        return new Step<>(next, new Verdict.Fire("fire", severity, h.headCount() + " head in " + in.zoneName(),
                in.releaseDate(), List.of(e)));
    }
}
