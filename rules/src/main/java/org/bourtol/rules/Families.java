package org.bourtol.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.RulesEnv;
import org.bourtol.rules.gauge.GaugeLevelFamily;
import org.bourtol.rules.riskscore.RiskScoreFamily;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.passage.PassageFamily;
import org.bourtol.rules.concentration.ConcentrationFamily;
import org.bourtol.rules.gauge.RiseRateFamily;
import org.bourtol.rules.rain.RainFamily;
import org.bourtol.rules.upstream.UpstreamLeadFamily;
import org.bourtol.rules.incidents.ReportWindowFamily;
import org.bourtol.rules.protectedzone.ProtectedZoneFamily;

/** Every rule family Bourtol evaluates, by type. */
public final class Families {

    private Families() {
    }

    public static List<Family<?, ?>> all(RulesEnv env) {
        return List.of(new GaugeLevelFamily(), new ProtectedZoneFamily(),
                ReportWindowFamily.incidents(env.unverifiedWeight()), ReportWindowFamily.floods(env.unverifiedWeight()),
                new ConcentrationFamily(), new RiseRateFamily(), new RainFamily(), new UpstreamLeadFamily(),
                new CorridorFamily(), new PassageFamily(), new RiskScoreFamily());
    }

    public static Map<String, Family<?, ?>> byType(RulesEnv env) {
        Map<String, Family<?, ?>> m = new LinkedHashMap<>();
        all(env).forEach(f -> m.put(f.type(), f));
        return m;
    }
}
