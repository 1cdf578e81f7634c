package org.bourtol.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.rules.concentration.ConcentrationFamily;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.gauge.GaugeLevelFamily;
import org.bourtol.rules.gauge.RiseRateFamily;
import org.bourtol.rules.reports.ReportWindowFamily;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;
import org.bourtol.rules.rain.RainFamily;
import org.bourtol.rules.riskscore.RiskScoreFamily;
import org.bourtol.rules.upstream.UpstreamLeadFamily;

/**
 * The one registry of rule families: the validator, the rule-types API and the topology all read it.
 * A family evaluated on observations is wired by {@link RulesTopology} through
 * {@link org.bourtol.rules.engine.FamilyTopology}; a family evaluated on the other families' signals
 * is wired ahead of the lifecycle ({@code RiskScoreTopology}). {@code FamiliesTest} checks that every
 * family listed here has its evaluator and store in the built topology, and nothing else does.
 */
public final class Families {

    /** The input store of the herd-keyed families (herd positions, by herd). */
    public static final String HERD_INPUTS = "herd";
    /** The input store of the station-keyed families (gauge and rain readings, by station). */
    public static final String STATION_INPUTS = "station";

    private Families() {
    }

    /** Families evaluated on observations, each through {@link org.bourtol.rules.engine.FamilyTopology}. */
    public static List<Family<?, ?>> onObservations(RulesEnv env) {
        return List.of(new GaugeLevelFamily(), new ProtectedZoneFamily(),
                ReportWindowFamily.incidents(env.unverifiedWeight()), ReportWindowFamily.floods(env.unverifiedWeight()),
                new ConcentrationFamily(), new RiseRateFamily(), new RainFamily(), new UpstreamLeadFamily(),
                new CorridorFamily(), new PassageFamily());
    }

    /** Families evaluated on the signals of the others, ahead of the lifecycle. */
    public static List<Family<?, ?>> onSignals() {
        return List.of(new RiskScoreFamily());
    }

    public static List<Family<?, ?>> all(RulesEnv env) {
        List<Family<?, ?>> all = new ArrayList<>(onObservations(env));
        all.addAll(onSignals());
        return List.copyOf(all);
    }

    public static Map<String, Family<?, ?>> byType(RulesEnv env) {
        Map<String, Family<?, ?>> m = new LinkedHashMap<>();
        all(env).forEach(f -> m.put(f.type(), f));
        return m;
    }
}
