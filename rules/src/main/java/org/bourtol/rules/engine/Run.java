package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.Observation;

/** The current run of firing verdicts in a replay: when it began and the evidence of its steps. */
final class Run {

    private Instant since;
    private final LinkedHashMap<String, Evidence> evidence = new LinkedHashMap<>();

    void add(Observation in, Verdict verdict) {
        if (verdict instanceof Verdict.Fire fire) {
            if (since == null) {
                since = in.observedAt();
            }
            if (fire.evidence() != null) {
                fire.evidence().forEach(e -> evidence.put(e.observationId(), e));
            }
        } else {
            since = null;
            evidence.clear();
        }
    }

    Instant since() {
        return since;
    }

    List<Evidence> evidence() {
        return List.copyOf(evidence.values());
    }
}
