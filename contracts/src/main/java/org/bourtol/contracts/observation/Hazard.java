package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** The two hazard families Bourtol warns about. Wire form is lower case. */
public enum Hazard implements WireName {
    CONFLICT, FLOOD;

    @JsonCreator
    public static Hazard fromWire(String value) {
        return WireNames.parse(Hazard.class, "hazard", value);
    }
}
