package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an alert's risk was real: {@code confirmed}, {@code false-alarm} or {@code unknown}. */
public enum Verdict {
    CONFIRMED, FALSE_ALARM, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Verdict fromWire(String value) {
        if (value != null) {
            for (Verdict v : values()) {
                if (v.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + value + "' (confirmed, false-alarm, unknown)");
    }
}
