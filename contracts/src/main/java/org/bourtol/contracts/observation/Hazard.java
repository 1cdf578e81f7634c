package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The two hazard families Bourtol warns about. Wire form is lower case. */
public enum Hazard {
    CONFLICT, FLOOD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Hazard fromWire(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown hazard '" + value + "' (conflict, flood)");
        }
    }
}
