package org.bourtol.rules.concentration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.Headlines;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code herd-concentration} parameters: {@code windowHours} (default 6), {@code capacityFactor}
 * (default 1.0), {@code capacity} (head; overrides the zones' own {@code capacity}). Zones: water
 * points, pastures, markets. Keyed by zone.
 */
public final class ConcentrationFamily extends BaseFamily<ConcentrationFamily.Config, Samples> {

    public static final String TYPE = "herd-concentration";

    public ConcentrationFamily() {
        super(FamilyInfo.of(TYPE, Hazard.CONFLICT, Samples.class, Samples.EMPTY, "water-point", "pasture", "market")
                .withSeverities(FamilyInfo.levels("fire", Severity.Severe)));
    }

    public record Config(ConcentrationRule.Params params, Integer capacity) {
    }

    @Override
    public boolean keyedByZone() {
        return true;
    }

    @Override
    protected Config params(ParamReader r) {
        int hours = r.integer("windowHours", 6, 1, 24 * 30);
        double factor = r.number("capacityFactor", 1.0, 0.1, 10);
        Integer capacity = r.has("capacity") ? r.integer("capacity", null, 1, 1_000_000) : null;
        return new Config(new ConcentrationRule.Params(Duration.ofHours(hours), factor), capacity);
    }

    @Override
    public List<String> zonesOf(CompiledRule<Config> rule, Observation o, ZoneIndex zones) {
        if (!(o instanceof HerdPosition h)) {
            return List.of();
        }
        return rule.doc().zones().stream().filter(z -> zones.contains(z, h.lat(), h.lon())).toList();
    }

    @Override
    public boolean applies(CompiledRule<Config> rule, String key, Observation o) {
        return o instanceof HerdPosition && rule.doc().zones().contains(key);
    }

    @Override
    public Step<Samples> step(Samples state, String key, Observation o, CompiledRule<Config> rule, ZoneIndex zones, Instant now) {
        Integer capacity = rule.params().capacity();
        if (capacity == null) {
            Zone z = zones.zone(key).orElse(null);
            capacity = z != null && z.properties().path("capacity").isNumber() ? z.properties().get("capacity").asInt() : null;
        }
        return ConcentrationRule.step(state, (HerdPosition) o, capacity, rule.params().params(), now);
    }

    @Override
    public Verdict tick(Samples state, String key, CompiledRule<Config> rule, ZoneIndex zones, Instant now) {
        Integer capacity = rule.params().capacity();
        Zone z = zones.zone(key).orElse(null);
        if (capacity == null && z != null && z.properties().path("capacity").isNumber()) {
            capacity = z.properties().get("capacity").asInt();
        }
        Instant from = now.minus(rule.params().params().window());
        double total = state.items().stream().filter(x -> !x.at().isBefore(from)).mapToDouble(Samples.Sample::value).sum();
        return capacity != null && total > capacity * rule.params().params().capacityFactor() ? null : Verdict.CLEAR;
    }

    @Override
    public Map<String, String> headline(CompiledRule<Config> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        return Headlines.of("concentration", lang -> Map.of("place", name,
                "measure", Headlines.units(lang, fire.measure()), "threshold", fire.threshold()));
    }
}
