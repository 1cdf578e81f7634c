package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/** Whether an alert's risk was real: {@code confirmed}, {@code false-alarm} or {@code unknown}. */
public enum Verdict implements WireName {
    CONFIRMED, FALSE_ALARM, UNKNOWN;

    @JsonCreator
    public static Verdict fromWire(String value) {
        return WireNames.parse(Verdict.class, "outcome", value);
    }
}
