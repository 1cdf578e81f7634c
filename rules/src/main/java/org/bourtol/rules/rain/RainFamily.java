package org.bourtol.rules.rain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.Headlines;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/** {@code rain-accumulation} parameters: {@code thresholdMm} (required), {@code windowHours} (default 24). Zones: stations. */
public final class RainFamily extends BaseFamily<RainRule.Params, Samples> {

    public static final String TYPE = "rain-accumulation";

    public RainFamily() {
        super(FamilyInfo.of(TYPE, Hazard.FLOOD, Samples.class, Samples.EMPTY, "station"));
    }

    @Override
    protected RainRule.Params params(ParamReader r) {
        double mm = r.number("thresholdMm", null, 1, 2000);
        int hours = r.integer("windowHours", 24, 1, 24 * 60);
        return new RainRule.Params(mm, Duration.ofHours(hours));
    }

    /** Station readings by station, kept once for the station-keyed families. */
    @Override
    public String inputs() {
        return Families.STATION_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<RainRule.Params> rule, String key, Observation o) {
        return o instanceof RainReading r && rule.doc().zones().contains(r.stationId());
    }

    @Override
    public Step<Samples> step(Samples state, String key, Observation o, CompiledRule<RainRule.Params> rule, ZoneIndex zones, Instant now) {
        return RainRule.step(state, (RainReading) o, rule.params(), now);
    }

    @Override
    public Verdict tick(Samples state, String key, CompiledRule<RainRule.Params> rule, ZoneIndex zones, Instant now) {
        Instant from = now.minus(rule.params().window());
        double sum = state.items().stream().filter(x -> !x.at().isBefore(from)).mapToDouble(Samples.Sample::value).sum();
        return sum >= rule.params().thresholdMm() ? null : Verdict.CLEAR;
    }

    @Override
    public Map<String, String> headline(CompiledRule<RainRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        long h = rule.params().window().toHours();
        return Headlines.of("rain", Map.of("place", name, "measure", fire.measure(), "hours", h, "threshold", fire.threshold()));
    }
}
