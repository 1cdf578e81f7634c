package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Livestock species, serialized in lower case as in the MQTT payloads (docs/mqtt.md). */
public enum Species {
    CATTLE, SHEEP, GOATS, CAMELS, MIXED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Species fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("species is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown species '" + value + "' (cattle, sheep, goats, camels, mixed)");
        }
    }
}
