package org.bourtol.rules.protectedzone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
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
import org.bourtol.rules.engine.Seasons;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * {@code herd-in-protected-zone} parameters: {@code consecutiveReports} (default 1), {@code severeAtHead}
 * (default 100), {@code extremeAtHead} (default 500), {@code alertAt} ("commune" (default): the alert is
 * for the farmland's commune; "zone": for the farmland itself), {@code protectedFrom} (default "06-01",
 * used when a zone has none). Zones: farmland, or pasture, with {@code fieldRelease}; protected from
 * {@code protectedFrom} until the day before {@code fieldRelease}. A zone without {@code fieldRelease}
 * would never be protected, so a rule naming one is refused (farmland always has it; pasture may not).
 * Keyed by herd.
 */
public final class ProtectedZoneFamily extends BaseFamily<ProtectedZoneFamily.Config, ProtectedZoneRule.State> {

    public static final String TYPE = "herd-in-protected-zone";

    public ProtectedZoneFamily() {
        super(FamilyInfo.of(TYPE, Hazard.CONFLICT, ProtectedZoneRule.State.class, ProtectedZoneRule.State.INITIAL, "farmland", "pasture"));
    }

    /** Typed parameters plus the default start of the protected season. */
    public record Config(ProtectedZoneRule.Params params, String protectedFrom) {
    }

    @Override
    protected Config params(ParamReader r) {
        int n = r.integer("consecutiveReports", 1, 1, 100);
        int severe = r.integer("severeAtHead", 100, 1, 100_000);
        int extreme = r.integer("extremeAtHead", 500, 1, 100_000);
        if (extreme <= severe) {
            r.problem("extremeAtHead (" + extreme + ") must be above severeAtHead (" + severe + ")");
        }
        String alertAt = r.text("alertAt", "commune");
        if (!"commune".equals(alertAt) && !"zone".equals(alertAt)) {
            r.problem("alertAt must be \"commune\" or \"zone\", got \"" + alertAt + "\"");
        }
        String from = r.text("protectedFrom", "06-01");
        if (from != null && !Seasons.valid(from)) {
            r.problem("protectedFrom must be a date \"MM-DD\", got \"" + from + "\"");
        }
        return new Config(new ProtectedZoneRule.Params(n, severe, extreme, "commune".equals(alertAt)), from);
    }

    /** Every zone of the rule needs a {@code fieldRelease} date: without one the rule could never fire there. */
    @Override
    public List<String> checkZones(Config params, RuleDocument doc, Function<String, Optional<Zone>> zones) {
        List<String> problems = new ArrayList<>();
        for (String id : doc.zones()) {
            zones.apply(id).filter(z -> !Seasons.valid(z.properties().path("fieldRelease").asText(null)))
                    .ifPresent(z -> problems.add(missingRelease(z)));
        }
        return problems;
    }

    /** The officer-readable reason a zone without a field-release date cannot be protected. */
    public static String missingRelease(Zone z) {
        return "zone '" + z.id() + "' (" + z.kind().wire() + ") has no fieldRelease date, so a " + TYPE
                + " rule could never fire there: give the zone a fieldRelease \"MM-DD\" or remove it from the rule";
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

    @Override
    public Step<ProtectedZoneRule.State> step(ProtectedZoneRule.State state, String key, Observation o, CompiledRule<Config> rule,
                                              ZoneIndex zones, Instant now) {
        HerdPosition h = (HerdPosition) o;
        ProtectedZoneRule.Input in = new ProtectedZoneRule.Input(h, null, null, null);
        for (String id : rule.doc().zones()) {
            Zone z = zones.zone(id).orElse(null);
            if (z == null || !zones.contains(id, h.lat(), h.lon())) {
                continue;
            }
            String release = z.properties().path("fieldRelease").asText(null);
            String from = z.properties().path("protectedFrom").asText(rule.params().protectedFrom());
            if (release != null && Seasons.withinExclusive(now, from, release)) {
                in = new ProtectedZoneRule.Input(h, id, z.name(), release);
                break;
            }
        }
        return ProtectedZoneRule.step(state, in, rule.params().params(), now);
    }

    @Override
    public String alertZone(CompiledRule<Config> rule, String key, ProtectedZoneRule.State state, ZoneIndex zones) {
        if (state.zoneId() == null) {
            return null;
        }
        return rule.params().params().alertAtCommune()
                ? zones.ancestorOfKind(state.zoneId(), ZoneKind.COMMUNE).map(Zone::id).orElse(state.zoneId())
                : state.zoneId();
    }

    @Override
    public Map<String, String> headline(CompiledRule<Config> rule, String zoneName, Zone zone, Verdict.Fire fire) {
        // the measure is "<count> head in <zone>" (ProtectedZoneRule)
        String[] measure = Gsm7.transliterate(fire.measure()).split(" head in ", 2);
        return Headlines.of("protected", Map.of("place", Gsm7.transliterate(zoneName), "count", measure[0],
                "zone", measure.length > 1 ? measure[1] : "", "threshold", String.valueOf(fire.threshold())));
    }
}
