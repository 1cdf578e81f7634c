package org.bourtol.rules.backtest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.outcome.GroundTruth;
import org.bourtol.contracts.outcome.Verdict;

/** Where a backtest reads the past: the inputs of a period, the alert events actually published in it
 * and the outcomes recorded for them. */
public interface History {

    /**
     * The observations and acknowledgements whose event time is in {@code [from, to)}, in replay order.
     */
    Inputs inputs(Instant from, Instant to);

    /** The alert lifecycle events published with {@code at} in {@code [from, to)}, in topic order. */
    List<AlertEvent> alerts(Instant from, Instant to);

    /** The latest outcome verdict recorded for each of these alerts (none: not judged). */
    default Map<String, Verdict> verdicts(Collection<String> alertIds) {
        return Map.of();
    }

    /** The simulator's ground-truth events that began in {@code [from, to)}, each once (none: not a simulated period). */
    default List<GroundTruth> groundTruth(Instant from, Instant to) {
        return List.of();
    }

    /**
     * @param retainedSince records stored before this instant may have been deleted by retention; null when
     *                      the log still holds everything ever written (or an older store filled the gap)
     * @param notes         where parts of the inputs came from, for the result's warnings
     */
    record Inputs(List<Recorded> records, Instant retainedSince, List<String> notes) {
        public Inputs(List<Recorded> records, Instant retainedSince) {
            this(records, retainedSince, List.of());
        }
    }
}
