package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** For a conflict alert: whether violence occurred — {@code none}, {@code injuries} or {@code deaths}. */
public enum Violence {
    NONE, INJURIES, DEATHS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Violence fromWire(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown violence '" + value + "' (none, injuries, deaths)");
        }
    }
}
