package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** For a conflict alert: whether violence occurred — {@code none}, {@code injuries} or {@code deaths}. */
public enum Violence implements WireName {
    NONE, INJURIES, DEATHS;

    @JsonCreator
    public static Violence fromWire(String value) {
        return WireNames.parse(Violence.class, "violence", value);
    }
}
