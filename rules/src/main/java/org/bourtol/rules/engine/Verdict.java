package org.bourtol.rules.engine;

import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.alert.Severity;

/**
 * The three-state outcome of one rule step (after ThingsBoard's FALSE / NOT_YET_TRUE / TRUE):
 * {@link Clear} nothing to warn about, {@link Pending} a count or duration condition not yet met,
 * {@link Fire} warn now.
 */
public sealed interface Verdict {

    Clear CLEAR = new Clear();

    record Clear() implements Verdict {
    }

    /** A condition is building up; {@code why} is for logs and tests, e.g. "2 of 3 reports outside". */
    record Pending(String why) implements Verdict {
    }

    /**
     * Warn. {@code level} is the rule's own level name ("warning", "red", "fire"); {@code severity}
     * the CAP severity; {@code measure} a short value for headlines ("640 cm"); {@code threshold} the
     * crossed threshold as text ("620 cm") or null; {@code evidence} the observations that caused it.
     */
    record Fire(String level, Severity severity, String measure, String threshold, List<Evidence> evidence)
            implements Verdict {
        public Fire {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }
}
