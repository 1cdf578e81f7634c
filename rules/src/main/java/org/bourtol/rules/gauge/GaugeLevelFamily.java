package org.bourtol.rules.gauge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.Families;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code gauge-level} parameters: {@code warningCm}, {@code alertCm}, {@code dangerCm} (ascending; when the
 * rule gives none, each station's published {@code levels} are used, and when it gives any they replace the
 * station's), {@code hysteresisCm} (default 20), {@code holdMinutes} (default 720). Zones: stations.
 * Levels {@code warning} (Moderate), {@code alert} (Severe), {@code danger} (Extreme).
 */
public final class GaugeLevelFamily extends BaseFamily<GaugeLevelRule.Params, GaugeLevelRule.State> {

    public static final String TYPE = "gauge-level";
    static final List<String> NAMES = List.of("warning", "alert", "danger");

    public GaugeLevelFamily() {
        super(FamilyInfo.of(TYPE, Hazard.FLOOD, GaugeLevelRule.State.class, GaugeLevelRule.State.INITIAL, "station")
                .withSeverities(FamilyInfo.levels("warning", Severity.Moderate, "alert", Severity.Severe, "danger", Severity.Extreme)));
    }

    @Override
    protected GaugeLevelRule.Params params(ParamReader r) {
        List<GaugeLevelRule.Level> levels = new ArrayList<>();
        for (String name : NAMES) {
            if (r.has(name + "Cm")) {
                levels.add(new GaugeLevelRule.Level(name, r.integer(name + "Cm", null, -500, 2000)));
            }
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
        return new GaugeLevelRule.Params(levels, hysteresis, Duration.ofMinutes(hold));
    }

    /** Without levels in the rule, every station must publish {@code levels}. */
    @Override
    public List<String> checkZones(GaugeLevelRule.Params params, RuleDocument doc, Function<String, Optional<Zone>> zones) {
        if (!params.levels().isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String id : doc.zones()) {
            zones.apply(id).filter(z -> stationLevels(z).isEmpty()).ifPresent(z -> problems.add("station '" + id
                    + "' has no published levels: give warningCm, alertCm or dangerCm in the rule, or levels on the station"));
        }
        return problems;
    }

    /** The rule's levels when it gives any (they win over the station's), else the station's published {@code levels}. */
    static GaugeLevelRule.Params effective(GaugeLevelRule.Params params, Zone station) {
        if (!params.levels().isEmpty() || station == null) {
            return params;
        }
        return new GaugeLevelRule.Params(stationLevels(station), params.hysteresisCm(), params.hold());
    }

    /** A station zone's {@code levels} {warning, alert, danger} in cm, ascending (validated by the zone API). */
    static List<GaugeLevelRule.Level> stationLevels(Zone station) {
        List<GaugeLevelRule.Level> levels = new ArrayList<>();
        JsonNode published = station.properties().path("levels");
        for (String name : NAMES) {
            if (published.path(name).isNumber()) {
                levels.add(new GaugeLevelRule.Level(name, published.get(name).asInt()));
            }
        }
        return levels;
    }

    /** Station readings by station, kept once for the station-keyed families. */
    @Override
    public String inputs() {
        return Families.STATION_INPUTS;
    }

    @Override
    public boolean applies(CompiledRule<GaugeLevelRule.Params> rule, String key, Observation o) {
        return o instanceof GaugeReading g && rule.doc().zones().contains(g.stationId());
    }

    @Override
    public Step<GaugeLevelRule.State> step(GaugeLevelRule.State state, String key, Observation o,
                                           CompiledRule<GaugeLevelRule.Params> rule, ZoneIndex zones, Instant now) {
        GaugeLevelRule.Params params = effective(rule.params(), zones.zone(key).orElse(null));
        if (params.levels().isEmpty()) {
            return new Step<>(GaugeLevelRule.State.INITIAL, Verdict.CLEAR); // the station's levels were removed
        }
        if (state.level() >= params.levels().size()) { // the station now publishes fewer levels
            state = new GaugeLevelRule.State(params.levels().size() - 1, state.belowSince(), state.lastCm());
        }
        return GaugeLevelRule.step(state, (GaugeReading) o, params, now);
    }

    @Override
    public Map<String, String> headline(CompiledRule<GaugeLevelRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        return Headlines.gauge(zone, zoneName, fire);
    }
}
