package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** Community report types of docs/sms-grammar.md; the wire form is the English keyword in upper case. */
public enum ReportType implements WireName {
    CLASH(Hazard.CONFLICT), TENSION(Hazard.CONFLICT), DAMAGE(Hazard.CONFLICT), THEFT(Hazard.CONFLICT),
    FLOOD(Hazard.FLOOD), WATER(Hazard.CONFLICT), DISEASE(Hazard.CONFLICT), FIRE(Hazard.CONFLICT);

    private final Hazard hazard;

    ReportType(Hazard hazard) {
        this.hazard = hazard;
    }

    public Hazard hazard() {
        return hazard;
    }

    /** Upper case on the wire, as the grammar's keywords. */
    @Override
    @JsonValue
    public String wire() {
        return name();
    }

    @JsonCreator
    public static ReportType fromWire(String value) {
        return WireNames.parse(ReportType.class, "report type", value);
    }
}
