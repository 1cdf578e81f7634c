package org.bourtol.rules.riskscore;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * {@code conflict-risk-score}: per commune, the weighted sum of the active conflict indicators (each
 * other conflict rule's active alert in or under the commune counts once, with the weight of its rule
 * type) against thresholds: green below {@code yellow}, then yellow, orange, red. Pure.
 */
public final class RiskScoreRule {

    public record Params(Map<String, Double> weights, double yellow, double orange, double red) {
    }

    /** One indicator changed: the rule|zone it is about, the firing source, and whether it fires now. */
    public record Input(String ruleType, String indicator, String source, boolean fire, Instant at) {
    }

    /** Active sources per indicator ("rule|zone" → source → weight); {@code reported}: the level and score last signalled (null = none). */
    public record State(Map<String, Map<String, Double>> active, String reported) {
        public static final State INITIAL = new State(Map.of(), null);

        public State withReported(String r) {
            return new State(active, r);
        }

        public State {
            active = active == null ? Map.of() : Map.copyOf(active);
        }
    }

    private RiskScoreRule() {
    }

    public static Step<State> step(State state, Input in, Params p, Instant now) {
        Map<String, Map<String, Double>> active = new HashMap<>(state.active());
        Double weight = p.weights().get(in.ruleType());
        if (weight != null) {
            Map<String, Double> sources = new HashMap<>(active.getOrDefault(in.indicator(), Map.of()));
            if (in.fire()) {
                sources.put(in.source(), weight);
            } else {
                sources.remove(in.source());
            }
            if (sources.isEmpty()) {
                active.remove(in.indicator());
            } else {
                active.put(in.indicator(), Map.copyOf(sources));
            }
        }
        State next = new State(active, state.reported());
        double score = active.values().stream().mapToDouble(m -> m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0)).sum();
        String level = score >= p.red() ? "red" : score >= p.orange() ? "orange" : score >= p.yellow() ? "yellow" : null;
        if (level == null) {
            return new Step<>(next, score > 0 ? new Verdict.Pending("score " + fmt(score)) : Verdict.CLEAR);
        }
        List<Evidence> ev = active.keySet().stream().sorted()
                .map(k -> new Evidence(k, "indicator", now, "active", null)).toList();
        return new Step<>(next, new Verdict.Fire(level, null, fmt(score), fmt(level.equals("red") ? p.red()
                : level.equals("orange") ? p.orange() : p.yellow()), ev));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
