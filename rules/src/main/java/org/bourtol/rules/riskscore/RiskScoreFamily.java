package org.bourtol.rules.riskscore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.rules.engine.CompiledRule;
import org.bourtol.rules.engine.BaseFamily;
import org.bourtol.rules.engine.FamilyInfo;
import org.bourtol.rules.engine.Headlines;
import org.bourtol.rules.engine.ParamReader;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code conflict-risk-score} parameters: {@code weights} (rule type → weight, conflict types only),
 * {@code yellow}, {@code orange}, {@code red} (ascending score thresholds). Zones: communes. Its input
 * is the other rules' signals, not observations (see {@link RiskScoreTopology}).
 */
public final class RiskScoreFamily extends BaseFamily<RiskScoreRule.Params, RiskScoreRule.State> {

    public static final String TYPE = "conflict-risk-score";
    static final List<String> INDICATORS = List.of("herd-in-protected-zone", "herd-concentration", "corridor-deviation",
            "early-late-passage", "incident-cluster");

    public RiskScoreFamily() {
        super(FamilyInfo.of(TYPE, Hazard.CONFLICT, RiskScoreRule.State.class, RiskScoreRule.State.INITIAL, "commune", "cercle", "region")
                .withSeverities(FamilyInfo.levels("yellow", Severity.Minor, "orange", Severity.Moderate, "red", Severity.Severe)));
    }

    @Override
    protected RiskScoreRule.Params params(ParamReader r) {
        Map<String, Double> weights = new HashMap<>();
        JsonNode w = r.node("weights");
        if (w == null || !w.isObject() || w.isEmpty()) {
            r.problem("weights must map indicator rule types to numbers, e.g. {\"incident-cluster\": 3}");
        } else {
            w.fields().forEachRemaining(e -> {
                if (!INDICATORS.contains(e.getKey())) {
                    r.problem("weight for unknown indicator '" + e.getKey() + "' (" + String.join(", ", INDICATORS) + ")");
                } else if (!e.getValue().isNumber() || e.getValue().asDouble() <= 0) {
                    r.problem("weight of " + e.getKey() + " must be a positive number, got " + e.getValue());
                } else {
                    weights.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        double yellow = r.number("yellow", null, 0.1, 1000);
        double orange = r.number("orange", null, 0.1, 1000);
        double red = r.number("red", null, 0.1, 1000);
        if (orange <= yellow) {
            r.problem("orange threshold (" + ParamReader.fmt(orange) + ") must be above yellow threshold (" + ParamReader.fmt(yellow) + ")");
        }
        if (red <= orange) {
            r.problem("red threshold (" + ParamReader.fmt(red) + ") must be above orange threshold (" + ParamReader.fmt(orange) + ")");
        }
        return new RiskScoreRule.Params(Map.copyOf(weights), yellow, orange, red);
    }

    @Override
    public boolean applies(CompiledRule<RiskScoreRule.Params> rule, String key, Observation o) {
        return false;
    }

    @Override
    public Step<RiskScoreRule.State> step(RiskScoreRule.State state, String key, Observation o,
                                          CompiledRule<RiskScoreRule.Params> rule, ZoneIndex zones, Instant now) {
        return new Step<>(state, Verdict.CLEAR);
    }

    @Override
    public Map<String, String> headline(CompiledRule<RiskScoreRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        String level = switch (fire.level()) {
            case "red", "orange" -> fire.level();
            default -> "yellow";
        };
        return Headlines.of("risk", lang -> Map.of("colour", Headlines.word(lang, "risk." + level), "place", name,
                "measure", fire.measure(), "threshold", fire.threshold()));
    }
}
