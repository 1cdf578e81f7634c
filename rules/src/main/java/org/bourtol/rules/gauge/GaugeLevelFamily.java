package org.bourtol.rules.gauge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.Family;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code gauge-level} parameters: {@code warningCm}, {@code alertCm}, {@code dangerCm} (at least one,
 * ascending), {@code hysteresisCm} (default 20), {@code holdMinutes} (default 720). Zones: stations.
 */
public final class GaugeLevelFamily implements Family<GaugeLevelRule.Params, GaugeLevelRule.State> {

    public static final String TYPE = "gauge-level";
    private static final FamilyInfo<GaugeLevelRule.State> INFO =
            FamilyInfo.of(TYPE, Hazard.FLOOD, GaugeLevelRule.State.class, GaugeLevelRule.State.INITIAL, "station");
    static final List<String> NAMES = List.of("warning", "alert", "danger");

    @Override
    public FamilyInfo<GaugeLevelRule.State> info() {
        return INFO;
    }

    @Override
    public GaugeLevelRule.Params parse(RuleDocument doc) {
        ParamReader r = new ParamReader(doc);
        r.requireZones();
        List<GaugeLevelRule.Level> levels = new ArrayList<>();
        for (String name : NAMES) {
            if (r.has(name + "Cm")) {
                levels.add(new GaugeLevelRule.Level(name, r.integer(name + "Cm", null, -500, 2000)));
            }
        }
        if (levels.isEmpty()) {
            r.problem("at least one of warningCm, alertCm or dangerCm is required");
        }
        for (int i = 1; i < levels.size(); i++) {
            GaugeLevelRule.Level lower = levels.get(i - 1);
            GaugeLevelRule.Level upper = levels.get(i);
            if (upper.cm() <= lower.cm()) {
                r.problem(upper.name() + " level (" + upper.cm() + ") must be above " + lower.name() + " level (" + lower.cm() + ")");
            }
        }
        int hysteresis = r.integer("hysteresisCm", 20, 0, 500);
        int hold = r.integer("holdMinutes", 720, 0, 60 * 24 * 30);
        r.check();
        return new GaugeLevelRule.Params(levels, hysteresis, Duration.ofMinutes(hold));
    }

    @Override
    public boolean applies(CompiledRule<GaugeLevelRule.Params> rule, String key, Observation o) {
        return o instanceof GaugeReading g && rule.doc().zones().contains(g.stationId());
    }

    @Override
    public Step<GaugeLevelRule.State> step(GaugeLevelRule.State state, String key, Observation o,
                                           CompiledRule<GaugeLevelRule.Params> rule, ZoneIndex zones, Instant now) {
        return GaugeLevelRule.step(state, (GaugeReading) o, rule.params(), now);
    }

    @Override
    public String alertZone(CompiledRule<GaugeLevelRule.Params> rule, String key, GaugeLevelRule.State state, ZoneIndex zones) {
        return key;
    }

    @Override
    public Map<String, String> headline(CompiledRule<GaugeLevelRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        return Headlines.gauge(zone, zoneName, fire);
    }
}
