package org.bourtol.rules.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
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
 * {@code upstream-lead} parameters: {@code upstream} (station id), {@code upstreamCm}, {@code travelHours},
 * {@code hysteresisCm} (default 20). Zones: exactly one downstream station (the alert's zone). Keyed by
 * the upstream station.
 */
public final class UpstreamLeadFamily extends BaseFamily<UpstreamLeadRule.Params, UpstreamLeadRule.State> {

    public static final String TYPE = "upstream-lead";

    public UpstreamLeadFamily() {
        super(FamilyInfo.of(TYPE, Hazard.FLOOD, UpstreamLeadRule.State.class, UpstreamLeadRule.State.INITIAL, "station"));
    }

    @Override
    protected void checkZoneList(ParamReader r) {
        if (r.doc().zones().size() != 1) {
            r.problem("an upstream-lead rule names exactly one downstream station in 'zones', got " + r.doc().zones().size());
        }
    }

    @Override
    protected UpstreamLeadRule.Params params(ParamReader r) {
        String upstream = r.text("upstream", null);
        if (upstream != null && r.doc().zones().contains(upstream)) {
            r.problem("the upstream station (" + upstream + ") must differ from the downstream station");
        }
        int cm = r.integer("upstreamCm", null, -500, 2000);
        int hours = r.integer("travelHours", null, 1, 24 * 90);
        int hyst = r.integer("hysteresisCm", 20, 0, 500);
        return new UpstreamLeadRule.Params(upstream, cm, Duration.ofHours(hours), hyst);
    }

    /** The downstream station and the {@code upstream} one: neither may be deleted while the rule exists. */
    @Override
    public List<String> zonesUsed(RuleDocument doc) {
        JsonNode up = doc.params().get("upstream");
        if (up == null || !up.isTextual() || doc.zones().contains(up.asText())) {
            return doc.zones();
        }
        List<String> all = new ArrayList<>(doc.zones());
        all.add(up.asText());
        return all;
    }

    /** The {@code upstream} station must exist and be a station. */
    @Override
    public List<String> checkZones(UpstreamLeadRule.Params params, RuleDocument doc, Function<String, Optional<Zone>> zones) {
        Optional<Zone> up = zones.apply(params.upstream());
        if (up.isEmpty()) {
            return List.of("upstream station '" + params.upstream() + "' does not exist");
        }
        if (up.get().kind() != ZoneKind.STATION) {
            return List.of("upstream '" + params.upstream() + "' is a " + up.get().kind().wire() + "; it must be a station");
        }
        return List.of();
    }

    /** Station readings by station, kept once for the station-keyed families. */
    @Override
    public String inputs() {
        return Families.STATION_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<UpstreamLeadRule.Params> rule, String key, Observation o) {
        return o instanceof GaugeReading g && g.stationId().equals(rule.params().upstream());
    }

    @Override
    public Step<UpstreamLeadRule.State> step(UpstreamLeadRule.State state, String key, Observation o,
                                             CompiledRule<UpstreamLeadRule.Params> rule, ZoneIndex zones, Instant now) {
        return UpstreamLeadRule.step(state, (GaugeReading) o, rule.params(), now);
    }

    @Override
    public String alertZone(CompiledRule<UpstreamLeadRule.Params> rule, String key, UpstreamLeadRule.State state, ZoneIndex zones) {
        return rule.doc().zones().get(0);
    }

    @Override
    public Map<String, String> headline(CompiledRule<UpstreamLeadRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        String up = rule.params().upstream();
        return Headlines.of("upstream", Map.of("place", name, "time", fire.threshold(), "upstream", up, "measure", fire.measure(),
                "threshold", rule.params().upstreamCm()));
    }
}
