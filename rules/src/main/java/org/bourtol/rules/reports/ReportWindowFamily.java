package org.bourtol.rules.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.ReportType;
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
 * {@code incident-cluster} (conflict) and {@code community-flood-reports} (flood). Parameters:
 * {@code threshold} (weighted count, default 3), {@code windowHours} (default 48 / 24), {@code types}
 * (report types, incident-cluster only; default CLASH, TENSION, DAMAGE, THEFT), {@code clashAlone}
 * (incident-cluster only, default true). A report counts for the rule zones it names (or whose
 * descendant it names), or that contain its position. Keyed by zone. Levels: {@code unconfirmed}
 * (Moderate: one unverified reporter alone, a report to confirm), {@code fire} (Severe) and, for
 * incident-cluster, {@code clash} (Extreme); see {@link ReportWindowRule}.
 */
public final class ReportWindowFamily extends BaseFamily<ReportWindowRule.Params, ReportWindowRule.State> {

    public static final String INCIDENTS = "incident-cluster";
    public static final String FLOODS = "community-flood-reports";

    private final boolean flood;
    private final double unverifiedWeight;

    private ReportWindowFamily(boolean flood, double unverifiedWeight) {
        super(new FamilyInfo<>(flood ? FLOODS : INCIDENTS, flood ? Hazard.FLOOD : Hazard.CONFLICT,
                ReportWindowRule.State.class, ReportWindowRule.State.INITIAL)
                .withSeverities(flood ? FamilyInfo.levels(ReportWindowRule.UNCONFIRMED, Severity.Moderate, "fire", Severity.Severe)
                        : FamilyInfo.levels(ReportWindowRule.UNCONFIRMED, Severity.Moderate, "fire", Severity.Severe,
                                "clash", Severity.Extreme)));
        this.flood = flood;
        this.unverifiedWeight = unverifiedWeight;
    }

    public static ReportWindowFamily incidents(double unverifiedWeight) {
        return new ReportWindowFamily(false, unverifiedWeight);
    }

    public static ReportWindowFamily floods(double unverifiedWeight) {
        return new ReportWindowFamily(true, unverifiedWeight);
    }

    @Override
    public boolean keyedByZone() {
        return true;
    }

    @Override
    protected ReportWindowRule.Params params(ParamReader r) {
        double threshold = r.number("threshold", 3.0, 0.5, 1000);
        int hours = r.integer("windowHours", flood ? 24 : 48, 1, 24 * 60);
        Set<ReportType> types = EnumSet.noneOf(ReportType.class);
        if (flood) {
            types.add(ReportType.FLOOD);
        } else if (r.node("types") == null || r.node("types").isNull()) {
            types.addAll(List.of(ReportType.CLASH, ReportType.TENSION, ReportType.DAMAGE, ReportType.THEFT));
        } else if (!r.node("types").isArray() || r.node("types").isEmpty()) {
            r.problem("types must be a list of report types, e.g. [\"CLASH\", \"THEFT\"]");
        } else {
            r.node("types").forEach(t -> {
                try {
                    types.add(ReportType.fromWire(t.asText()));
                } catch (IllegalArgumentException e) {
                    r.problem(e.getMessage());
                }
            });
        }
        boolean clashAlone = !flood && r.bool("clashAlone", true);
        return new ReportWindowRule.Params(types, threshold, Duration.ofHours(hours), clashAlone, unverifiedWeight);
    }

    @Override
    public List<String> zonesOf(CompiledRule<ReportWindowRule.Params> rule, Observation o, ZoneIndex zones) {
        if (!(o instanceof CommunityReport r) || !rule.params().types().contains(r.type())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (r.zoneId() != null) {
            String id = r.zoneId();
            for (int depth = 0; id != null && depth < 10; depth++) {
                if (rule.doc().zones().contains(id)) {
                    out.add(id);
                }
                id = zones.zone(id).map(Zone::parent).orElse(null);
            }
        }
        if (out.isEmpty() && r.lat() != null && r.lon() != null) {
            zones.containing(r.lat(), r.lon()).stream().map(Zone::id).filter(rule.doc().zones()::contains).forEach(out::add);
        }
        return out;
    }

    @Override
    public boolean applies(CompiledRule<ReportWindowRule.Params> rule, String key, Observation o) {
        return o instanceof CommunityReport r && rule.params().types().contains(r.type()) && rule.doc().zones().contains(key);
    }

    @Override
    public Step<ReportWindowRule.State> step(ReportWindowRule.State state, String key, Observation o, CompiledRule<ReportWindowRule.Params> rule,
                                             ZoneIndex zones, Instant now) {
        return ReportWindowRule.step(state, (CommunityReport) o, rule.params(), now);
    }

    @Override
    public Verdict tick(ReportWindowRule.State state, String key, CompiledRule<ReportWindowRule.Params> rule, ZoneIndex zones, Instant now) {
        return ReportWindowRule.tick(state, rule.params(), now);
    }

    @Override
    public Map<String, String> headline(CompiledRule<ReportWindowRule.Params> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        String name = Gsm7.transliterate(zoneName);
        String n = fire.measure();
        String kind = flood ? "flood" : "clash".equals(fire.level()) ? "clash" : "incidents";
        if (ReportWindowRule.UNCONFIRMED.equals(fire.level())) {
            // a report to confirm: what was reported, and that it is not confirmed yet
            kind = flood ? "flood" : fire.threshold() != null && fire.threshold().contains(ReportType.CLASH.wire()) ? "clash" : "incidents";
            return Headlines.of("reports.unconfirmed." + kind, Map.of("place", name));
        }
        return Headlines.of("reports." + kind, lang -> Map.of("place", name, "hours", rule.params().window().toHours(),
                "threshold", String.valueOf(fire.threshold()),
                "count", Headlines.text(lang, "1".equals(n) ? "reports.one" : "reports.many", Map.of("n", n))));
    }
}
