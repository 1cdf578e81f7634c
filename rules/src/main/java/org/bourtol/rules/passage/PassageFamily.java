package org.bourtol.rules.passage;

import java.time.Instant;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.corridor.CorridorFamily;
import org.bourtol.rules.corridor.CorridorRule;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.Headlines;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code early-late-passage} parameters: {@code toleranceDays} (default 0). Zones: corridors (or other
 * zones) with {@code passage} {"from","to"}; a herd counts as on it within the zone's {@code bufferM}.
 * Keyed by herd. Levels {@code early} and {@code late} (Moderate by default); a severity mapping names
 * either or both.
 */
public final class PassageFamily extends BaseFamily<PassageRule.Params, PassageRule.State> {

    public static final String TYPE = "early-late-passage";

    public PassageFamily() {
        super(FamilyInfo.of(TYPE, Hazard.CONFLICT, PassageRule.State.class, PassageRule.State.INITIAL)
                .withSeverities(FamilyInfo.levels("early", Severity.Moderate, "late", Severity.Moderate)));
    }

    @Override
    protected PassageRule.Params params(ParamReader r) {
        int tolerance = r.integer("toleranceDays", 0, 0, 90);
        return new PassageRule.Params(tolerance);
    }

    /** Herd positions by herd, kept once for the herd-keyed families. */
    @Override
    public String inputs() {
        return Families.HERD_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<PassageRule.Params> rule, String key, Observation o) {
        return o instanceof HerdPosition;
    }

    @Override
    public Step<PassageRule.State> step(PassageRule.State state, String key, Observation o, CompiledRule<PassageRule.Params> rule,
                                        ZoneIndex zones, Instant now) {
        HerdPosition h = (HerdPosition) o;
        CorridorRule.Input m = CorridorFamily.measure(h, rule.doc().zones(), null, zones);
        PassageRule.Input in = new PassageRule.Input(h, null, null, null);
        double best = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : m.distanceM().entrySet()) {
            Zone z = zones.zone(e.getKey()).orElse(null);
            if (z != null && z.properties().has("passage") && e.getValue() <= m.bufferM().get(e.getKey()) && e.getValue() < best) {
                best = e.getValue();
                in = new PassageRule.Input(h, z.id(), z.properties().at("/passage/from").asText(null),
                        z.properties().at("/passage/to").asText(null));
            }
        }
        return PassageRule.step(state, in, rule.params(), now);
    }

    @Override
    public String alertZone(CompiledRule<PassageRule.Params> rule, String key, PassageRule.State state, ZoneIndex zones) {
        return state.zoneId();
    }

    @Override
    public Map<String, String> headline(CompiledRule<PassageRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        boolean early = "early".equals(fire.level());
        return Headlines.of(early ? "passage.early" : "passage.late", lang -> Map.of("place", name,
                "measure", Headlines.units(lang, fire.measure()), "threshold", fire.threshold()));
    }
}
