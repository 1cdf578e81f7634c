package org.bourtol.rules.protectedzone;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code herd-in-protected-zone} (keyed by herd, as herd positions already are). */
public final class ProtectedZoneTopology {

    private ProtectedZoneTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, new ProtectedZoneFamily());
    }
}
