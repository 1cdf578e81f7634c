package org.bourtol.rules.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.Hazard;

/**
 * The fixed description of a {@link Family}: its rule type, hazard, state class and initial state, the
 * zone kinds its rules accept (empty = any kind), and its levels with their default CAP severity, in
 * ascending order ({@code fire} for single-level families). A rule's {@code severity} mapping may name
 * only these levels; a level it does not name gets the default here.
 *
 * @param <S> the family's state type
 */
public record FamilyInfo<S>(String type, Hazard hazard, Class<S> stateType, S initial, List<String> zoneKinds,
        Map<String, Severity> severities) {

    /** The default mapping of a single-level family: {@code fire} is Moderate. */
    public static final Map<String, Severity> FIRE_MODERATE = Map.of("fire", Severity.Moderate);

    public FamilyInfo {
        zoneKinds = List.copyOf(zoneKinds);
        if (severities.isEmpty()) {
            throw new IllegalArgumentException(type + ": a family has at least one level");
        }
        severities = Collections.unmodifiableMap(new LinkedHashMap<>(severities));
    }

    /** A family whose rules accept zones of any kind, with the single level {@code fire} (Moderate). */
    public FamilyInfo(String type, Hazard hazard, Class<S> stateType, S initial) {
        this(type, hazard, stateType, initial, List.of(), FIRE_MODERATE);
    }

    /** A family whose rules accept only zones of the given kinds, with the single level {@code fire} (Moderate). */
    public static <S> FamilyInfo<S> of(String type, Hazard hazard, Class<S> stateType, S initial, String... zoneKinds) {
        return new FamilyInfo<>(type, hazard, stateType, initial, List.of(zoneKinds), FIRE_MODERATE);
    }

    /** This description with other levels and default severities ({@code levels} in ascending order). */
    public FamilyInfo<S> withSeverities(Map<String, Severity> levels) {
        return new FamilyInfo<>(type, hazard, stateType, initial, zoneKinds, levels);
    }

    /** Ascending level names and severities, e.g. {@code levels("warning", Moderate, "alert", Severe)}. */
    public static Map<String, Severity> levels(Object... nameThenSeverity) {
        Map<String, Severity> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSeverity.length; i += 2) {
            m.put((String) nameThenSeverity[i], (Severity) nameThenSeverity[i + 1]);
        }
        return m;
    }

    /** The level names, ascending. */
    public List<String> levelNames() {
        return List.copyOf(severities.keySet());
    }
}
