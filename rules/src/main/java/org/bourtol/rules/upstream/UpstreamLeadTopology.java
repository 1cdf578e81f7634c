package org.bourtol.rules.upstream;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code upstream-lead} (keyed by the upstream station, as gauge readings already are). */
public final class UpstreamLeadTopology {

    private UpstreamLeadTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, new UpstreamLeadFamily());
    }
}
