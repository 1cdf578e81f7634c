package org.bourtol.rules.corridor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.text.Gsm7;
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
 * {@code corridor-deviation} parameters: {@code consecutiveReports} (default 3), {@code minutes}
 * (persistence, default 120), {@code bufferM} (overrides the corridors' own {@code bufferM}; default
 * 1000). Zones: corridors. Keyed by herd.
 */
public final class CorridorFamily extends BaseFamily<CorridorFamily.Config, CorridorRule.State> {

    public static final String TYPE = "corridor-deviation";

    public CorridorFamily() {
        super(FamilyInfo.of(TYPE, Hazard.CONFLICT, CorridorRule.State.class, CorridorRule.State.INITIAL, "corridor"));
    }

    public record Config(CorridorRule.Params params, Double bufferM) {
    }

    @Override
    protected Config params(ParamReader r) {
        int n = r.integer("consecutiveReports", 3, 1, 1000);
        int minutes = r.integer("minutes", 120, 1, 60 * 24 * 30);
        Double buffer = r.has("bufferM") ? r.number("bufferM", null, 1, 100_000) : null;
        return new Config(new CorridorRule.Params(n, Duration.ofMinutes(minutes)), buffer);
    }

    /** Herd positions by herd, kept once for the herd-keyed families. */
    @Override
    public String inputs() {
        return Families.HERD_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<Config> rule, String key, Observation o) {
        return o instanceof HerdPosition;
    }

    /** Distances and buffers of the rule's corridors for one position (shared with early-late-passage). */
    public static CorridorRule.Input measure(HerdPosition h, List<String> corridors, Double bufferOverride, ZoneIndex zones) {
        Map<String, Double> distance = new HashMap<>();
        Map<String, Double> buffer = new HashMap<>();
        for (String id : corridors) {
            Zone z = zones.zone(id).orElse(null);
            if (z == null) {
                continue;
            }
            distance.put(id, zones.distanceMeters(id, h.lat(), h.lon()));
            buffer.put(id, bufferOverride != null ? bufferOverride
                    : z.properties().path("bufferM").isNumber() ? z.properties().get("bufferM").asDouble() : 1000.0);
        }
        return new CorridorRule.Input(h, distance, buffer);
    }

    @Override
    public Step<CorridorRule.State> step(CorridorRule.State state, String key, Observation o, CompiledRule<Config> rule,
                                         ZoneIndex zones, Instant now) {
        return CorridorRule.step(state, measure((HerdPosition) o, rule.doc().zones(), rule.params().bufferM(), zones),
                rule.params().params(), now);
    }

    @Override
    public String alertZone(CompiledRule<Config> rule, String key, CorridorRule.State state, ZoneIndex zones) {
        return state.corridor();
    }

    @Override
    public Map<String, String> headline(CompiledRule<Config> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        return Headlines.of("corridor", lang -> Map.of("place", name,
                "measure", Headlines.units(lang, fire.measure()), "threshold", fire.threshold()));
    }
}
