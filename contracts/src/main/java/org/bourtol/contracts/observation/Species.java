package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Livestock species, serialized in lower case as in the MQTT payloads (docs/mqtt.md). {@code UNKNOWN} is a herd counted
 * in heads without its species ({@code 150 tetes a Konna}): a herd all the same, weighed like any other.
 */
public enum Species {
    CATTLE, SHEEP, GOATS, CAMELS, DONKEYS, MIXED, UNKNOWN;

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
            throw new IllegalArgumentException("unknown species '" + value + "' (cattle, sheep, goats, camels, donkeys, mixed, unknown)");
        }
    }
}
