package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/**
 * Livestock species, serialized in lower case as in the MQTT payloads (docs/mqtt.md). {@code UNKNOWN} is a herd counted
 * in heads without its species ({@code 150 tetes a Konna}): a herd all the same, weighed like any other.
 */
public enum Species implements WireName {
    CATTLE, SHEEP, GOATS, CAMELS, DONKEYS, MIXED, UNKNOWN;

    @JsonCreator
    public static Species fromWire(String value) {
        return WireNames.parse(Species.class, "species", value);
    }
}
