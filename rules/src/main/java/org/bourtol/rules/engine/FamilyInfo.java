package org.bourtol.rules.engine;

import java.util.List;
import org.bourtol.contracts.observation.Hazard;

/**
 * The fixed description of a {@link Family}: its rule type, hazard, state class and initial state, and the
 * zone kinds its rules accept (empty = any kind).
 *
 * @param <S> the family's state type
 */
public record FamilyInfo<S>(String type, Hazard hazard, Class<S> stateType, S initial, List<String> zoneKinds) {

    public FamilyInfo {
        zoneKinds = List.copyOf(zoneKinds);
    }

    /** A family whose rules accept zones of any kind. */
    public FamilyInfo(String type, Hazard hazard, Class<S> stateType, S initial) {
        this(type, hazard, stateType, initial, List.of());
    }

    /** A family whose rules accept only zones of the given kinds. */
    public static <S> FamilyInfo<S> of(String type, Hazard hazard, Class<S> stateType, S initial, String... zoneKinds) {
        return new FamilyInfo<>(type, hazard, stateType, initial, List.of(zoneKinds));
    }
}
