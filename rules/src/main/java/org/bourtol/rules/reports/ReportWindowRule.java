package org.bourtol.rules.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Evidence;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;

/**
 * Community reports of given types in one zone within a sliding window ({@code incident-cluster},
 * {@code community-flood-reports}). Weights count per distinct reporter: a reporter weighs 1 when one
 * of its reports in the window is verified, else {@code unverifiedWeight}, however many reports it
 * sent. The rule fires when the summed weight reaches {@code threshold}, or at once on a {@code CLASH}
 * when {@code clashAlone}. A fire that rests on one unverified reporter alone is {@link #UNCONFIRMED}
 * (a lower-severity "report to confirm"); a verified report or a second distinct reporter in the
 * window confirms it ({@code fire} or {@code clash}). Reports without a reporter id count as one
 * reporter. Pure.
 */
public final class ReportWindowRule {

    /** The level of a fire resting on one unverified reporter: a report to confirm. */
    public static final String UNCONFIRMED = "unconfirmed";

    public record Params(Set<ReportType> types, double threshold, Duration window, boolean clashAlone, double unverifiedWeight) {
    }

    /** One counted report; {@code verified} is false in states written before it existed (the safe side). */
    public record Seen(String id, ReportType type, double weight, Instant at, String reporterId, boolean verified) {
    }

    public record State(List<Seen> seen) {
        public static final State INITIAL = new State(List.of());

        public State {
            seen = seen == null ? List.of() : List.copyOf(seen);
        }
    }

    private ReportWindowRule() {
    }

    public static Step<State> step(State state, CommunityReport r, Params p, Instant now) {
        List<Seen> seen = new ArrayList<>();
        for (Seen s : state.seen()) {
            if (!s.at().isBefore(now.minus(p.window())) && !s.id().equals(r.id())) {
                seen.add(s);
            }
        }
        if (p.types().contains(r.type())) {
            seen.add(new Seen(r.id(), r.type(), r.verified() ? 1.0 : p.unverifiedWeight(), r.observedAt(), r.reporterId(), r.verified()));
        }
        return new Step<>(new State(seen), verdict(seen, p));
    }

    /** The verdict at {@code now} without a new report (reports leave the window). */
    public static Verdict tick(State state, Params p, Instant now) {
        return verdict(state.seen().stream().filter(s -> !s.at().isBefore(now.minus(p.window()))).toList(), p);
    }

    private static Verdict verdict(List<Seen> seen, Params p) {
        if (seen.isEmpty()) {
            return Verdict.CLEAR;
        }
        Map<String, Double> byReporter = new LinkedHashMap<>();
        seen.forEach(s -> byReporter.merge(s.reporterId() == null ? "" : s.reporterId(), s.weight(), Math::max));
        double score = byReporter.values().stream().mapToDouble(Double::doubleValue).sum();
        boolean clash = p.clashAlone() && seen.stream().anyMatch(s -> s.type() == ReportType.CLASH);
        if (!clash && score < p.threshold()) {
            return new Verdict.Pending(fmt(score) + " of " + fmt(p.threshold()) + " weighted reports from "
                    + byReporter.size() + (byReporter.size() == 1 ? " reporter" : " reporters"));
        }
        boolean confirmed = byReporter.size() >= 2 || seen.stream().anyMatch(Seen::verified);
        List<Evidence> evidence = seen.stream().skip(Math.max(0, seen.size() - 10))
                .map(s -> new Evidence(s.id(), "report", s.at(), s.type().wire(), s.reporterId())).toList();
        String types = String.join(", ", seen.stream().map(s -> s.type().wire()).distinct().toList());
        String level = !confirmed ? UNCONFIRMED : clash ? "clash" : "fire";
        // measure: the number of reports; threshold: their types (for the headline)
        return new Verdict.Fire(level, null, String.valueOf(seen.size()), types, evidence);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
