package org.bourtol.contracts.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/**
 * Where an alert is in its life: {@code active} from RAISED until RESOLVED, then {@code resolved}. The
 * wire form is lower case ({@code "state":"active"}), as on {@code bourtol.alerts.v1} since its first
 * version.
 */
public enum AlertState implements WireName {
    ACTIVE, RESOLVED;

    /**
     * The state spelt {@code value} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException when it names no state
     */
    @JsonCreator
    public static AlertState fromWire(String value) {
        return WireNames.parse(AlertState.class, "alert state", value);
    }
}
