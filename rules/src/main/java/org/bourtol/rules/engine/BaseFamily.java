package org.bourtol.rules.engine;

import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.rules.zones.ZoneIndex;

/**
 * The glue every {@link Family} shares: it holds the family's {@link FamilyInfo}, reads parameters in one frame
 * (check the rule's zone list, read the family's own parameters, then reject unknown keys and report every problem
 * at once) and, by default, raises alerts about the key the input arrived under (a station or a zone).
 */
public abstract class BaseFamily<P, S> implements Family<P, S> {

    private final FamilyInfo<S> info;

    protected BaseFamily(FamilyInfo<S> info) {
        this.info = info;
    }

    @Override
    public final FamilyInfo<S> info() {
        return info;
    }

    @Override
    public final P parse(RuleDocument doc) {
        ParamReader r = new ParamReader(doc);
        checkZoneList(r);
        P params = params(r);
        r.check();
        return params;
    }

    /** Problems with the rule's {@code zones} list alone; by default it must name at least one zone. */
    protected void checkZoneList(ParamReader r) {
        r.requireZones();
    }

    /** The family's typed parameters; problems go to {@code r} and are thrown together by {@link #parse}. */
    protected abstract P params(ParamReader r);

    @Override
    public String alertZone(CompiledRule<P> rule, String key, S state, ZoneIndex zones) {
        return key;
    }
}
