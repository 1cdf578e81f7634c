package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * One rule type (docs/rules.md) as the generic topology sees it: how to parse and validate its parameters,
 * which inputs it takes, how to step its pure evaluator, and which zone an alert is about.
 * Implementations hold no Kafka imports; {@link FamilyTopology} wires them.
 *
 * @param <P> the typed parameters
 * @param <S> the immutable per-(rule, key) state (a Jackson-serializable record)
 */
public interface Family<P, S> {

    /** Type, hazard, state class, initial state and accepted zone kinds. */
    FamilyInfo<S> info();

    default String type() {
        return info().type();
    }

    default Hazard hazard() {
        return info().hazard();
    }

    default Class<S> stateType() {
        return info().stateType();
    }

    default S initial() {
        return info().initial();
    }

    /** Typed parameters; throws {@link RuleProblems} with officer-readable reasons when invalid. */
    P parse(RuleDocument doc);

    /** The zone ids this rule needs to exist, with the zone kinds it accepts (empty = any kind). */
    default List<String> zoneKinds() {
        return info().zoneKinds();
    }

    /** The keys a rule's {@code severity} mapping may name: the family's level names. */
    default List<String> severityKeys() {
        return info().levelNames();
    }

    /** The CAP severity of {@code level}: the rule's mapping, else the family's default for it. */
    default Severity severity(CompiledRule<P> rule, String level) {
        return rule.severity(level, info().severities());
    }

    /** Every zone the rule refers to (its {@code zones} and zones named in parameters): a zone in use is not deleted. */
    default List<String> zonesUsed(RuleDocument doc) {
        return doc.zones();
    }

    /**
     * Problems that need the zone directory besides the existence and kind of {@code doc.zones()} (checked by
     * {@link RuleValidator}), e.g. a station named in a parameter; empty by default.
     */
    default List<String> checkZones(P params, RuleDocument doc, Function<String, Optional<Zone>> zones) {
        return List.of();
    }

    /**
     * The name of the input store the family keeps the inputs inside the grace period in (late data is replayed
     * from them), {@code <inputs>-inputs}: families of the same name are evaluated by one processor and keep each
     * input once per key (herd positions by herd, gauge readings by station) instead of once per family. By
     * default the family's own type; a family keyed by zone always keeps its own.
     */
    default String inputs() {
        return type();
    }

    /** True when inputs must be re-keyed by zone before evaluation (zone aggregations). */
    default boolean keyedByZone() {
        return false;
    }

    /** For zone-keyed families: the zones of {@code rule} this observation counts for. */
    default List<String> zonesOf(CompiledRule<P> rule, Observation o, ZoneIndex zones) {
        return List.of();
    }

    /** Whether {@code o}, arriving under {@code key}, is an input of {@code rule}. */
    boolean applies(CompiledRule<P> rule, String key, Observation o);

    /** One pure step for the input {@code o} arriving under {@code key} (station, herd or zone). */
    Step<S> step(S state, String key, Observation o, CompiledRule<P> rule, ZoneIndex zones, Instant now);

    /**
     * Re-evaluates a firing state when no input came, at event time {@code now} (windows expire): the
     * verdict, or null when the family has no time-driven change (default).
     */
    default Verdict tick(S state, String key, CompiledRule<P> rule, ZoneIndex zones, Instant now) {
        return null;
    }

    /** The zone an alert for this state is about (station, commune, corridor…), or null when none. */
    String alertZone(CompiledRule<P> rule, String key, S state, ZoneIndex zones);

    /**
     * Headline in every language for a firing verdict; {@code zone} may be null when unknown. A function of the rule, the
     * zone and the fire's level, severity, measure and threshold only (not its evidence): the signaller reuses a headline
     * rendered lately for the same ones.
     */
    Map<String, String> headline(CompiledRule<P> rule, String zoneName, Zone zone, Verdict.Fire fire);
}
