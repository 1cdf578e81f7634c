package org.bourtol.rules.gauge;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Samples;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/** {@code gauge-rise-rate} parameters: {@code riseCm} (required), {@code windowHours} (default 72). Zones: stations. */
public final class RiseRateFamily extends BaseFamily<RiseRateRule.Params, Samples> {

    public static final String TYPE = "gauge-rise-rate";

    public RiseRateFamily() {
        super(FamilyInfo.of(TYPE, Hazard.FLOOD, Samples.class, Samples.EMPTY, "station"));
    }

    @Override
    protected RiseRateRule.Params params(ParamReader r) {
        int rise = r.integer("riseCm", null, 1, 2000);
        int hours = r.integer("windowHours", 72, 1, 24 * 60);
        return new RiseRateRule.Params(rise, Duration.ofHours(hours));
    }

    /** Station readings by station, kept once for the station-keyed families. */
    @Override
    public String inputs() {
        return Families.STATION_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<RiseRateRule.Params> rule, String key, Observation o) {
        return o instanceof GaugeReading g && rule.doc().zones().contains(g.stationId());
    }

    @Override
    public Step<Samples> step(Samples state, String key, Observation o, CompiledRule<RiseRateRule.Params> rule, ZoneIndex zones, Instant now) {
        return RiseRateRule.step(state, (GaugeReading) o, rule.params(), now);
    }

    @Override
    public Map<String, String> headline(CompiledRule<RiseRateRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String river = Headlines.river(zone);
        long h = rule.params().window().toHours();
        return org.bourtol.rules.engine.Headlines.of("rise", Map.of("river", river, "place", Gsm7.transliterate(zoneName), "measure", fire.measure(), "hours", h));
    }
}
