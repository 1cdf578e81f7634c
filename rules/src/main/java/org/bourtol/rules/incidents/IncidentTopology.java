package org.bourtol.rules.incidents;

import org.apache.kafka.streams.kstream.KStream;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.FamilyTopology;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.engine.Signal;

/** Wires {@code incident-cluster} and {@code community-flood-reports} (re-keyed by zone). */
public final class IncidentTopology {

    private IncidentTopology() {
    }

    public static KStream<String, Signal> addTo(KStream<String, Observation> observations, RulesEnv env) {
        return FamilyTopology.addTo(observations, env, ReportWindowFamily.incidents(env.unverifiedWeight()))
                .merge(FamilyTopology.addTo(observations, env, ReportWindowFamily.floods(env.unverifiedWeight())));
    }
}
