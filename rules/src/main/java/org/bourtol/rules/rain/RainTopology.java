package org.bourtol.rules.rain;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code rain-accumulation} (keyed by station). */
public final class RainTopology {

    private RainTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, new RainFamily());
    }
}
