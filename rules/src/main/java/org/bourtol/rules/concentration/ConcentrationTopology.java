package org.bourtol.rules.concentration;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code herd-concentration} (herd positions re-keyed by the zones containing them). */
public final class ConcentrationTopology {

    private ConcentrationTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, new ConcentrationFamily());
    }
}
