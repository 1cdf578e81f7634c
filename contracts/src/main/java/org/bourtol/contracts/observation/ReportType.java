package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Community report types of docs/sms-grammar.md; the wire form is the English keyword in upper case. */
public enum ReportType {
    CLASH(Hazard.CONFLICT), TENSION(Hazard.CONFLICT), DAMAGE(Hazard.CONFLICT), THEFT(Hazard.CONFLICT),
    FLOOD(Hazard.FLOOD), WATER(Hazard.CONFLICT), DISEASE(Hazard.CONFLICT), FIRE(Hazard.CONFLICT);

    private final Hazard hazard;

    ReportType(Hazard hazard) {
        this.hazard = hazard;
    }

    public Hazard hazard() {
        return hazard;
    }

    @JsonValue
    public String wire() {
        return name();
    }

    @JsonCreator
    public static ReportType fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("report type is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report type '" + value
                    + "' (CLASH, TENSION, DAMAGE, THEFT, FLOOD, WATER, DISEASE, FIRE)");
        }
    }
}
