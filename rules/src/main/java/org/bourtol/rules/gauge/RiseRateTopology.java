package org.bourtol.rules.gauge;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code gauge-rise-rate} (keyed by station). */
public final class RiseRateTopology {

    private RiseRateTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, new RiseRateFamily());
    }
}
